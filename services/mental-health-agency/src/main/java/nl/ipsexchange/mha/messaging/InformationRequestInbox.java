package nl.ipsexchange.mha.messaging;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;
import nl.ipsexchange.kernel.sharing.InformationRequestedEvent;
import nl.ipsexchange.mha.command.inforequest.InformationRequestCommands.ReceiveInformationRequestCommand;
import nl.ipsexchange.mha.query.client.ClientQueries.FindClientRegisteredQuery;
import nl.ipsexchange.platform.messaging.IntegrationEventHandler;

/**
 * Information requests from the agencies' inboxes become requests awaiting a clinician's decision; one about a client
 * this agency does not have is denied at once, by the service, with that reason.
 */
@Component
public class InformationRequestInbox implements IntegrationEventHandler<InformationRequestedEvent> {

    private final CommandGateway commands;
    private final QueryGateway queries;

    public InformationRequestInbox(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @Override
    public Class<InformationRequestedEvent> eventType() {
        return InformationRequestedEvent.class;
    }

    @Override
    public void handle(InformationRequestedEvent event, EventEnvelope envelope) {
        if (event.requestingAgency() != envelope.sourceAgency()) {
            throw new MalformedMessageException(
                    "an information request on behalf of another agency");
        }
        boolean registered = Boolean.TRUE.equals(
                queries.query(new FindClientRegisteredQuery(event.clientId()), Boolean.class).join());
        commands.sendAndWait(new ReceiveInformationRequestCommand(event.requestId(), event.clientId(),
                event.requestingAgency(), event.requestedBy(), event.role(), event.categories(), event.purpose(),
                event.requestedAt(), registered));
    }
}
