package nl.ipsexchange.insurer;

import static nl.ipsexchange.funding.FundingReceipts.checked;

import java.util.List;

import nl.ipsexchange.kernel.funding.IntakeHoursBilledEvent;
import nl.ipsexchange.platform.messaging.IntegrationEventHandler;
import nl.ipsexchange.platform.messaging.IntegrationEventHandlerSet;
import nl.ipsexchange.platform.messaging.ReceiptCheck;

/**
 * The intake hours the mental health agency bills to the insurer: checked against the insurer's consent replica on
 * receipt, as a funder's trajectory steps are ({@code FundingReceipts}), and billed as intake lines.
 */
public class IntakeInbox implements IntegrationEventHandlerSet {

    private final ReceiptCheck receipts;
    private final IntakeBilling intake;

    public IntakeInbox(ReceiptCheck receipts, IntakeBilling intake) {
        this.receipts = receipts;
        this.intake = intake;
    }

    @Override
    public List<IntegrationEventHandler<?>> handlers() {
        return List.of(checked(receipts, IntakeHoursBilledEvent.class, intake::bill));
    }
}
