package nl.ipsexchange.funding;

import java.util.Set;
import java.util.function.BiConsumer;

import nl.ipsexchange.kernel.funding.FundingMessage;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.platform.messaging.IntegrationEventHandler;
import nl.ipsexchange.platform.messaging.ReceiptCheck;

/**
 * The receipt of a trajectory step at a funder or the insurer (ADR 0007): checked against this agency's consent
 * replica for the message's one data category, refused and recorded when outside consent, recorded as received
 * otherwise, and only then handed on. The funders' inbox and the insurer's both receive this way.
 */
public final class FundingReceipts {

    private FundingReceipts() {
    }

    /** A handler of {@code type} that passes what the consent admits to {@code body}. */
    public static <T extends FundingMessage> IntegrationEventHandler<T> checked(ReceiptCheck receipts, Class<T> type,
                                                                                BiConsumer<T, EventEnvelope> body) {
        return IntegrationEventHandler.of(type, (event, envelope) -> {
            if (receipts.admit(event.clientId(), envelope, Set.of(event.category()), type.getSimpleName())) {
                body.accept(event, envelope);
            }
        });
    }
}
