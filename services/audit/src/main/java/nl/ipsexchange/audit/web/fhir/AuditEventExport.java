package nl.ipsexchange.audit.web.fhir;

import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.context.FhirContext;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.audit.AccessOutcome;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;

/**
 * Access records as FHIR R4 {@code AuditEvent}s after IHE Basic Audit Log Patterns (BALP): a read is type
 * {@code rest}, subtype {@code read}, action R; a disclosure is DICOM Export (110106) at the source and Import
 * (110107) at the recipient; the user's agent carries the purpose of use; the patient is an entity with role 1.
 * <p>
 * Each event names in {@code meta.profile} the BALP profile whose pattern it follows ({@link #profile}): the
 * patient-specific read and delete, and the privacy disclosure at source and at recipient. BALP's profiles are for
 * successful actions, so a refused attempt, a withheld send and an export of the trail claim none. The events are
 * validated against the base R4 {@code AuditEvent} only: the BALP package ({@code ihe.iti.balp}) is not available
 * offline to HAPI's validator here, so conformance to every constraint of the claimed profiles is not
 * machine-checked (the test checks the claimed profile per action against BALP's patterns: type, subtype, action).
 */
@Component
public class AuditEventExport {

    static final String AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
    static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    static final String PURPOSE = "urn:ips-exchange:purpose";
    static final String ROLE = "urn:ips-exchange:role";
    static final String USER = "urn:ips-exchange:user";
    static final String AGENCY = "urn:ips-exchange:agency";
    static final String CATEGORY = "urn:ips-exchange:data-category";
    static final String BALP = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/";
    static final String PATIENT_READ = BALP + "IHE.BasicAudit.PatientRead";
    static final String PATIENT_DELETE = BALP + "IHE.BasicAudit.PatientDelete";
    static final String DISCLOSURE_SOURCE = BALP + "IHE.BasicAudit.PrivacyDisclosure.Source";
    static final String DISCLOSURE_RECIPIENT = BALP + "IHE.BasicAudit.PrivacyDisclosure.Recipient";

    private final FhirContext fhir = FhirContext.forR4Cached();

    public FhirContext context() {
        return fhir;
    }

    public String json(Bundle bundle) {
        return fhir.newJsonParser().setPrettyPrint(true).encodeResourceToString(bundle);
    }

    public Bundle bundle(List<AccessRecordedEvent> records) {
        Bundle bundle = new Bundle();
        bundle.setId(UUID.randomUUID().toString());
        bundle.setType(Bundle.BundleType.SEARCHSET);
        bundle.setTotal(records.size());
        bundle.getMeta().setLastUpdated(new Date());
        for (AccessRecordedEvent record : records) {
            bundle.addEntry().setFullUrl("urn:uuid:" + record.recordId()).setResource(auditEvent(record))
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        return bundle;
    }

    public AuditEvent auditEvent(AccessRecordedEvent record) {
        AuditEvent event = new AuditEvent();
        event.setId(record.recordId().toString());
        profile(record).ifPresent(event.getMeta()::addProfile);
        switch (record.action()) {
            case VIEW -> rest(event, "read", AuditEventAction.R);
            case ERASE -> rest(event, "delete", AuditEventAction.D);
            case RECEIVE -> dicom(event, "110107", "Import", AuditEventAction.C);
            default -> dicom(event, "110106", "Export", AuditEventAction.R); // EXPORT, DISCLOSE, WITHHOLD
        }
        event.setRecorded(Date.from(record.time()));
        switch (record.outcome()) {
            case PERMITTED -> event.setOutcome(AuditEventOutcome._0);
            case DENIED -> event.setOutcome(AuditEventOutcome._4);
        }
        if (record.reason() != null) {
            event.setOutcomeDesc(record.reason());
        }
        CodeableConcept purpose = record.purpose() == null ? null
                : new CodeableConcept(new Coding(PURPOSE, record.purpose().name(), null));
        if (purpose != null) {
            event.addPurposeOfEvent(purpose);
        }

        AuditEvent.AuditEventAgentComponent user = event.addAgent();
        user.setRequestor(true);
        user.setWho(new Reference().setIdentifier(new Identifier().setSystem(USER).setValue(record.userId()))
                .setDisplay(record.userId()));
        user.setAltId(record.userId());
        if (record.role() != null) {
            user.addRole(new CodeableConcept(new Coding(ROLE, record.role(), null)));
        }
        if (purpose != null) {
            user.addPurposeOfUse(purpose.copy());
        }

        event.getSource().setSite(record.agency())
                .setObserver(new Reference().setIdentifier(new Identifier().setSystem(AGENCY)
                        .setValue(record.agency())).setDisplay(record.agency()))
                .addType(new Coding(SOURCE_TYPE, "4", "Application Server"));

        AuditEvent.AuditEventEntityComponent patient = event.addEntity();
        patient.setWhat(new Reference("Patient/" + record.clientId()));
        patient.setType(new Coding(ENTITY_TYPE, "1", "Person"));
        patient.setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
        for (DataCategory category : record.categories()) {
            patient.addSecurityLabel(new Coding(CATEGORY, category.name(), null));
        }
        for (UUID consentId : record.consentIds()) { // every consent the access rested on
            AuditEvent.AuditEventEntityComponent consent = event.addEntity();
            consent.setWhat(new Reference("Consent/" + consentId));
            consent.setType(new Coding(ENTITY_TYPE, "2", "System Object"));
        }
        return event;
    }

    /**
     * The BALP profile the event follows: every record is about one patient (the client), so the patient-specific
     * profiles; none for a refusal (BALP leaves those to FHIR core's access-denied guidance), a withheld send (nothing
     * left the agency) or an export of the trail by an auditor (not a disclosure to another agency).
     */
    static Optional<String> profile(AccessRecordedEvent record) {
        if (record.outcome() != AccessOutcome.PERMITTED) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (record.action()) {
            case VIEW -> PATIENT_READ;
            case ERASE -> PATIENT_DELETE;
            case DISCLOSE -> DISCLOSURE_SOURCE;
            case RECEIVE -> DISCLOSURE_RECIPIENT;
            case EXPORT, WITHHOLD -> null;
        });
    }

    private static void rest(AuditEvent event, String interaction, AuditEventAction action) {
        event.setType(new Coding(AUDIT_EVENT_TYPE, "rest", "Restful Operation"));
        event.addSubtype(new Coding(RESTFUL_INTERACTION, interaction, interaction));
        event.setAction(action);
    }

    private static void dicom(AuditEvent event, String code, String display, AuditEventAction action) {
        event.setType(new Coding(DICOM, code, display));
        event.setAction(action);
    }
}
