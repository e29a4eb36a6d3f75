package nl.ipsexchange.mha.messaging;

import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyRequestedEvent;
import nl.ipsexchange.platform.messaging.IntegrationEventHandler;

/** Transit key requests from the agencies' inboxes, stored to be answered by {@link TransitKeyRelay}. */
@Component
public class TransitKeyRequestInbox implements IntegrationEventHandler<TransitKeyRequestedEvent> {

    private final EventGateway events;

    public TransitKeyRequestInbox(EventGateway events) {
        this.events = events;
    }

    @Override
    public Class<TransitKeyRequestedEvent> eventType() {
        return TransitKeyRequestedEvent.class;
    }

    @Override
    public void handle(TransitKeyRequestedEvent event, EventEnvelope envelope) {
        if (event.requester() != envelope.sourceAgency()) {
            throw new MalformedMessageException("a transit key request on behalf of another agency");
        }
        events.publish(new TransitKeyRequestReceivedEvent(event.keyId(), event.clientId(), event.requester(),
                event.requesterPublicKey()));
    }
}
