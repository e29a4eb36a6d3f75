package nl.ipsexchange.sharing;

import java.util.List;
import java.util.Optional;

import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.kernel.sharing.ClientDataSharedEvent;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.meeting.SharedWithThisAgency;

/** This context as a meeting agenda reads it (the platform's {@link SharedWithThisAgency}): through the same checks. */
public class AgendaReads implements SharedWithThisAgency {

    private final SharedClientReader clients;
    private final SentInformationRequests requests;

    public AgendaReads(SharedClientReader clients, SentInformationRequests requests) {
        this.clients = clients;
        this.requests = requests;
    }

    @Override
    public Optional<ClientDataSharedEvent> clientIfConsented(String clientId, Purpose purpose,
                                                             AccessRecorder.Actor viewer, Role role) {
        return clients.readClientIfConsented(clientId, purpose, viewer, role) instanceof SharedClientReader.Shown shown
                ? Optional.of(shown.data()) : Optional.empty();
    }

    @Override
    public List<RequestSent> requestsSent() {
        return requests.oldestFirst().stream().map(sent -> new RequestSent(sent.requestId(), sent.clientId(),
                sent.categories(), sent.purpose(), sent.outcome(), sent.reason())).toList();
    }
}
