package nl.ipsexchange.platform.meeting;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.kernel.sharing.ClientDataSharedEvent;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Reason;
import nl.ipsexchange.platform.audit.AccessNotRecordedException;
import nl.ipsexchange.platform.audit.AccessRecorder;

/**
 * What an agency's meeting agenda shows of the recipient side of sharing: the data other agencies shared about a
 * client, and the information requests this agency sent for more. Supplied by the sharing context where data is
 * received ({@code ips.sharing.receive}), read by the funders' agenda, so that neither context names the other
 * (ADR 0043), as {@link MeetingAgenda} is for the meeting.
 */
public interface SharedWithThisAgency {

    /** A request this agency sent and, once answered, its outcome and, unless all was granted, its coded reason. */
    record RequestSent(String requestId, String clientId, Set<DataCategory> categories, Purpose purpose,
                       String outcome, Reason reason) {
    }

    /**
     * The client's shared data as the viewer may see it for the purpose, only where an active consent covers the
     * purpose and nothing about the client is held back: empty otherwise, and then nothing is recorded (nobody asked
     * for this client). What is shown is recorded as any read.
     */
    Optional<ClientDataSharedEvent> clientIfConsented(String clientId, Purpose purpose, AccessRecorder.Actor viewer,
                                                      Role role);

    /**
     * A person's read of what was shared with this agency about a client in one category, for a purpose, as a list
     * shows it (the practitioner meeting's minutes); {@code what} says what is read, for the record.
     */
    record SharedRead(String clientId, DataCategory category, Purpose purpose, AccessRecorder.Actor reader,
                      String what) {
    }

    /**
     * Whether the read may be shown now: an active consent of the replica covers the category for the purpose and
     * no incoming message about the client is held for an administrator. Recorded either way, in a transaction of the
     * read's own before anything is shown: a read under the consent it rests on, or a refusal saying why.
     *
     * @throws AccessNotRecordedException when it could not be recorded: show nothing
     */
    boolean read(SharedRead read);

    /**
     * Whether an active consent of this agency's replica covers the category about the client for the purpose now,
     * leaving out the consent {@code endingConsent} (null: none), so that a handler of that consent's end decides
     * the same whether or not the replica has heard of the end yet.
     */
    boolean covers(String clientId, DataCategory category, Purpose purpose, UUID endingConsent);

    /** The information requests this agency sent, oldest first. */
    List<RequestSent> requestsSent();
}
