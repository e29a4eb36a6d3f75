package nl.ipsexchange.platform.audit;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.audit.AccessAction;
import nl.ipsexchange.kernel.audit.AccessOutcome;
import nl.ipsexchange.platform.audit.AccessRecorder.Actor;

/**
 * What an access record says, before {@link AccessRecorder} stamps it with the time and this agency: who did what
 * with which categories of whose data, and whether it was allowed. Made by a factory that names the kind of access
 * ({@link #read}, {@link #refused}, {@link #withheld}, {@link #disclosed}, ...); what only some records carry is
 * added by name ({@link #forPurpose}, {@link #underConsents}, {@link #because}, {@link #withId}), so no caller
 * passes a row of {@code null}s.
 *
 * @param recordId   the record's id; {@code null}: a new one when it is recorded. A record derived from a message
 *                   carries an id derived from it, so that handling the message again records it once
 * @param purpose    {@code null}: no purpose applies (an export, an erasure, a refusal before any purpose was read)
 * @param consentIds the consents the access rests on; {@code null}: none
 * @param reason     {@code null}: nothing to add to the action and outcome
 */
public record AccessRecord(UUID recordId, Actor actor, String clientId, Set<DataCategory> categories,
                           AccessAction action, Purpose purpose, Collection<UUID> consentIds, AccessOutcome outcome,
                           String reason) {

    /** A person was shown these categories of the client's data. */
    public static AccessRecord read(Actor reader, String clientId, Set<DataCategory> categories) {
        return new AccessRecord(null, reader, clientId, categories, AccessAction.VIEW, null, null,
                AccessOutcome.PERMITTED, null);
    }

    /** A person asked to see these categories and was shown none of them. */
    public static AccessRecord refused(Actor reader, String clientId, Set<DataCategory> categories, String reason) {
        return new AccessRecord(null, reader, clientId, categories, AccessAction.VIEW, null, null,
                AccessOutcome.DENIED, reason);
    }

    /** A person exported what the record names (the client's trail). */
    public static AccessRecord exported(Actor exporter, String clientId, Set<DataCategory> categories, String what) {
        return new AccessRecord(null, exporter, clientId, categories, AccessAction.EXPORT, null, null,
                AccessOutcome.PERMITTED, what);
    }

    /** The platform did not send these categories to another agency: no consent covered them. */
    public static AccessRecord withheld(String clientId, Set<DataCategory> categories, String reason) {
        return new AccessRecord(null, Actor.SYSTEM, clientId, categories, AccessAction.WITHHOLD, null, null,
                AccessOutcome.DENIED, reason);
    }

    /** The platform sends these categories to another agency ({@link AccessRecorder#recordBeforeDisclosure}). */
    public static AccessRecord disclosed(String clientId, Set<DataCategory> categories, String reason) {
        return new AccessRecord(null, Actor.SYSTEM, clientId, categories, AccessAction.DISCLOSE, null, null,
                AccessOutcome.PERMITTED, reason);
    }

    /** The platform accepted these categories from another agency. */
    public static AccessRecord received(String clientId, Set<DataCategory> categories, String note) {
        return new AccessRecord(null, Actor.SYSTEM, clientId, categories, AccessAction.RECEIVE, null, null,
                AccessOutcome.PERMITTED, note);
    }

    /** The platform refused these categories from another agency. */
    public static AccessRecord receiptRefused(String clientId, Set<DataCategory> categories, String reason) {
        return new AccessRecord(null, Actor.SYSTEM, clientId, categories, AccessAction.RECEIVE, null, null,
                AccessOutcome.DENIED, reason);
    }

    /** The platform erased these categories it had received. */
    public static AccessRecord erased(String clientId, Set<DataCategory> categories, String reason) {
        return new AccessRecord(null, Actor.SYSTEM, clientId, categories, AccessAction.ERASE, null, null,
                AccessOutcome.PERMITTED, reason);
    }

    /** The same record, for this purpose ({@code null}: none). */
    public AccessRecord forPurpose(Purpose why) {
        return new AccessRecord(recordId, actor, clientId, categories, action, why, consentIds, outcome, reason);
    }

    /** The same record, resting on these consents. */
    public AccessRecord underConsents(Collection<UUID> consents) {
        return new AccessRecord(recordId, actor, clientId, categories, action, purpose, consents, outcome, reason);
    }

    /** The same record, with this reason or note. */
    public AccessRecord because(String why) {
        return new AccessRecord(recordId, actor, clientId, categories, action, purpose, consentIds, outcome, why);
    }

    /** The same record, under this id. */
    public AccessRecord withId(UUID id) {
        return new AccessRecord(id, actor, clientId, categories, action, purpose, consentIds, outcome, reason);
    }
}
