package nl.ipsexchange.sharing;

import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.sharing.ClientDataSharedEvent;
import nl.ipsexchange.platform.audit.ReadsHealthData;
import nl.ipsexchange.platform.security.CurrentUser;
import nl.ipsexchange.platform.web.BadRequestException;
import nl.ipsexchange.platform.web.ForbiddenException;
import nl.ipsexchange.platform.web.NotFoundException;

/**
 * {@code GET /api/clients/{clientId}} at a receiving agency: what this agency holds about the client, only the
 * categories an active consent covers for the purpose of the read, health categories only for the roles that need
 * them; every health read and every refusal recorded.
 */
@RestController
@Tag(name = "clients", description = "What this agency holds about a client, under the client's consent")
public class SharedClientController {

    private final SharedClientReader reader;
    private final Purpose defaultPurpose;

    public SharedClientController(SharedClientReader reader, Purpose defaultPurpose) {
        this.reader = reader;
        this.defaultPurpose = defaultPurpose;
    }

    /** The client as this agency may show it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SharedClientView(
            String clientId,
            Purpose purpose,
            Set<UUID> consentIds,
            ClientDataSharedEvent.Identification identification,
            ClientDataSharedEvent.Benefits benefits,
            ClientDataSharedEvent.Employment employment,
            String healthSummary,
            String diagnosis,
            String treatment) {

        static SharedClientView of(SharedClientReader.Shown shown) {
            ClientDataSharedEvent data = shown.data();
            return new SharedClientView(data.clientId(), shown.purpose(), shown.consentIds(), data.identification(),
                    data.benefits(), data.employment(), data.healthSummary(), data.diagnosis(), data.treatment());
        }
    }

    /** One health category of the client. */
    public record HealthView(String clientId, DataCategory category, Purpose purpose, UUID consentId, String text) {
    }

    @GetMapping("/api/clients/{clientId}")
    @Caseworkers
    @ReadsHealthData
    @Operation(summary = "What this agency holds about the client, for a purpose (default: this agency's own)")
    public SharedClientView client(@PathVariable UUID clientId, @RequestParam(required = false) Purpose purpose) {
        SharedClientReader.Result result = reader.readClient(clientId.toString(), purposeOr(purpose),
                CurrentUser.actor(), CurrentUser.role());
        return SharedClientView.of(shown(result, clientId));
    }

    @GetMapping("/api/clients/{clientId}/health/{category}")
    @Caseworkers
    @ReadsHealthData(category = "category")
    @Operation(summary = "One health category of the client, for the roles that need it and under consent")
    public ResponseEntity<HealthView> health(@PathVariable UUID clientId, @PathVariable DataCategory category,
                                             @RequestParam(required = false) Purpose purpose) {
        if (!category.isHealthData()) {
            throw new BadRequestException("category: must be HEALTH_SUMMARY, DIAGNOSIS or TREATMENT");
        }
        SharedClientReader.Shown shown = shown(reader.readHealth(clientId.toString(), category, purposeOr(purpose),
                CurrentUser.actor(), CurrentUser.role()), clientId);
        ClientDataSharedEvent data = shown.data();
        String text = switch (category) {
            case HEALTH_SUMMARY -> data.healthSummary();
            case DIAGNOSIS -> data.diagnosis();
            default -> data.treatment();
        };
        if (text == null) {
            throw new NotFoundException("no " + category + " held for client " + clientId);
        }
        return ResponseEntity.status(HttpStatus.OK).body(new HealthView(clientId.toString(), category,
                shown.purpose(), shown.consentIds().iterator().next(), text));
    }

    private Purpose purposeOr(Purpose purpose) {
        return purpose == null ? defaultPurpose : purpose;
    }

    private static SharedClientReader.Shown shown(SharedClientReader.Result result, UUID clientId) {
        if (result instanceof SharedClientReader.Shown shown) {
            return shown;
        }
        if (result instanceof SharedClientReader.Refused refused) {
            throw new ForbiddenException(refused.reason());
        }
        throw new NotFoundException("nothing is held about client " + clientId);
    }
}
