package nl.ipsexchange.kernel.security;

import nl.ipsexchange.kernel.Agency;

/**
 * The roles of section 2 of the domain brief. A role belongs to one agency (the auditor to none:
 * the audit function may be run by an independent party). Roles travel in access records.
 */
public enum Role {
    CLINICIAN(Agency.MENTAL_HEALTH, false),
    IPS_SPECIALIST(Agency.MENTAL_HEALTH, false),
    PROGRAMME_DIRECTOR(Agency.MENTAL_HEALTH, true),
    /**
     * Records the IPS-25 fidelity reviews of the mental health agency's teams (section 8), with a login at its service;
     * works with no client's data. Not the IPS specialist, whose funding the reviews decide (ADR 0045).
     */
    FIDELITY_REVIEWER(Agency.MENTAL_HEALTH, false),
    LABOUR_EXPERT(Agency.BENEFITS, false),
    INSURANCE_PHYSICIAN(Agency.BENEFITS, false),
    BENEFITS_MANAGER(Agency.BENEFITS, true),
    CASE_MANAGER(Agency.MUNICIPALITY, false),
    PARTICIPATION_ADVISER(Agency.MUNICIPALITY, true),
    CARE_ADVISER(Agency.INSURER, false),
    AUDITOR(null, false),
    /**
     * The technical administrator of one service: sees and retries messages that could not be handled (their
     * metadata, never their content), no client data at all. Not an agency role; exists in every service.
     */
    ADMINISTRATOR(null, false);

    private final Agency agency;
    private final boolean decisionMaker;

    Role(Agency agency, boolean decisionMaker) {
        this.agency = agency;
        this.decisionMaker = decisionMaker;
    }

    /** The agency this role works at; {@code null} for the independent auditor. */
    public Agency agency() {
        return agency;
    }

    /** Whether a user of a service run by {@code serviceAgency} ({@code null}: the audit service) may have it. */
    public boolean belongsTo(Agency serviceAgency) {
        return this == ADMINISTRATOR || agency == serviceAgency;
    }

    /** Decision makers see the de-identified cross-agency status, never identifying data. */
    public boolean isDecisionMaker() {
        return decisionMaker;
    }
}
