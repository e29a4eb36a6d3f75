package nl.ipsexchange.sharing;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.consent.ConsentPolicy;
import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.kernel.sharing.ClientDataSharedEvent;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.meeting.SharedWithThisAgency;

/** This context as a meeting agenda reads it (the platform's {@link SharedWithThisAgency}): through the same checks. */
public class AgendaReads implements SharedWithThisAgency {

    private final SharedClientReader clients;
    private final SentInformationRequests requests;
    private final ConsentReplica consents;
    private final Clock clock;
    private final Agency self;

    public AgendaReads(SharedClientReader clients, SentInformationRequests requests, ConsentReplica consents,
                       Clock clock, Agency self) {
        this.clients = clients;
        this.requests = requests;
        this.consents = consents;
        this.clock = clock;
        this.self = self;
    }

    @Override
    public Optional<ClientDataSharedEvent> clientIfConsented(String clientId, Purpose purpose,
                                                             AccessRecorder.Actor viewer, Role role) {
        return clients.readClientIfConsented(clientId, purpose, viewer, role) instanceof SharedClientReader.Shown shown
                ? Optional.of(shown.data()) : Optional.empty();
    }

    @Override
    public boolean read(SharedRead read) {
        return clients.readShared(read);
    }

    @Override
    public boolean covers(String clientId, DataCategory category, Purpose purpose, UUID endingConsent) {
        return ConsentPolicy.permits(consents.consentsOf(clientId).stream()
                .filter(terms -> !terms.consentId().equals(endingConsent)).toList(), self, category, purpose,
                clock.instant());
    }

    @Override
    public List<RequestSent> requestsSent() {
        return requests.oldestFirst().stream().map(sent -> new RequestSent(sent.requestId(), sent.clientId(),
                sent.categories(), sent.purpose(), sent.outcome(), sent.reason())).toList();
    }
}
