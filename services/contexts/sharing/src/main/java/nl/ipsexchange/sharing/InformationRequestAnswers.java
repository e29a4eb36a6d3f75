package nl.ipsexchange.sharing;

import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent;
import nl.ipsexchange.platform.messaging.IntegrationEventHandler;

/** The mental health agency's answers to this agency's information requests, as they arrive on the inbox. */
public class InformationRequestAnswers implements IntegrationEventHandler<InformationRequestAnsweredEvent> {

    private final SentInformationRequests sent;

    public InformationRequestAnswers(SentInformationRequests sent) {
        this.sent = sent;
    }

    @Override
    public Class<InformationRequestAnsweredEvent> eventType() {
        return InformationRequestAnsweredEvent.class;
    }

    @Override
    public void handle(InformationRequestAnsweredEvent answer, EventEnvelope envelope) {
        sent.answered(answer, envelope.eventId().toString());
    }
}
