package nl.ipsexchange.mha.web;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.kernel.sharing.ClientDataSharedEvent;
import nl.ipsexchange.mha.query.client.ClientDataReader;
import nl.ipsexchange.mha.query.client.ClientView;
import nl.ipsexchange.platform.audit.AccessRecord;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.security.NeedToKnow;

/**
 * A client as the agency's own staff see it: health categories only for the roles that need them, and every
 * health category shown recorded, in the same transaction, before the answer leaves.
 */
@Service
public class ClientReadService {

    private final ClientDataReader reader;
    private final NeedToKnow needToKnow;
    private final AccessRecorder recorder;
    private final Purpose defaultPurpose;

    public ClientReadService(ClientDataReader reader, NeedToKnow needToKnow, AccessRecorder recorder,
                             @Value("${ips.sharing.default-read-purpose}") Purpose defaultPurpose) {
        this.reader = reader;
        this.needToKnow = needToKnow;
        this.recorder = recorder;
        this.defaultPurpose = defaultPurpose;
    }

    /** The client register's view, with the health categories the reader may see (flat in JSON). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClientDetails(
            @JsonUnwrapped ClientView client,
            String healthSummary,
            String diagnosis,
            String treatment) {
    }

    @Transactional
    /** @param purpose why the reader looks (recorded with what is shown); {@code null}: the agency's own default */
    public Optional<ClientDetails> read(String clientId, Purpose purpose, AccessRecorder.Actor actor, Role role) {
        Optional<ClientView> client = reader.client(clientId);
        if (client.isEmpty()) {
            return Optional.empty();
        }
        Set<DataCategory> allowed = EnumSet.of(DataCategory.IDENTIFICATION, DataCategory.BENEFITS,
                DataCategory.EMPLOYMENT);
        allowed.addAll(needToKnow.healthCategoriesFor(role));
        ClientDataSharedEvent data = reader.restricted(clientId, allowed).orElseThrow();
        Set<DataCategory> healthShown = EnumSet.noneOf(DataCategory.class);
        data.categories().stream().filter(DataCategory::isHealthData).forEach(healthShown::add);
        if (!healthShown.isEmpty()) {
            recorder.record(AccessRecord.read(actor, clientId, healthShown)
                    .forPurpose(purpose == null ? defaultPurpose : purpose).because("own client record"));
        }
        return Optional.of(new ClientDetails(client.get(), data.healthSummary(), data.diagnosis(), data.treatment()));
    }
}
