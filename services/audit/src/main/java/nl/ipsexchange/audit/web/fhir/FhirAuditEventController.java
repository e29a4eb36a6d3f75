package nl.ipsexchange.audit.web.fhir;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;

import nl.ipsexchange.audit.web.Auditors;
import nl.ipsexchange.audit.web.TrailExports;
import nl.ipsexchange.platform.web.BadRequestException;

/**
 * The trail of one client as a FHIR R4 Bundle of AuditEvent resources (IHE BALP); each export is recorded as an
 * {@code EXPORT} of the client's information ({@link TrailExports}).
 */
@RestController
@Validated
@Tag(name = "FHIR", description = "The confidentiality trail as FHIR R4 AuditEvent (IHE BALP)")
public class FhirAuditEventController {

    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");
    private static final String PATIENT = "Patient/";

    private final TrailExports exports;
    private final AuditEventExport export;

    public FhirAuditEventController(TrailExports exports, AuditEventExport export) {
        this.exports = exports;
        this.export = export;
    }

    @GetMapping("/fhir/AuditEvent")
    @Auditors
    @Operation(summary = "A searchset Bundle of the client's AuditEvents, newest first")
    public ResponseEntity<String> search(
            @RequestParam @Size(max = 64, message = "must be at most 64 characters") String patient) {
        // a FHIR reference parameter names the patient as "Patient/{id}" or as "{id}" alone; both are the client
        String clientId = patient.startsWith(PATIENT) ? patient.substring(PATIENT.length()) : patient;
        if (clientId.isBlank()) {
            throw new BadRequestException("patient: is required");
        }
        return ResponseEntity.ok().contentType(FHIR_JSON).body(export.json(export.bundle(
                exports.export(clientId, "FHIR AuditEvent export of the client's access trail"))));
    }
}
