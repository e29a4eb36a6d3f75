package nl.ipsexchange.sharing;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

import org.springframework.transaction.annotation.Transactional;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.consent.ConsentPolicy;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.kernel.sharing.ClientDataSharedEvent;
import nl.ipsexchange.platform.audit.AccessRecord;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.meeting.SharedWithThisAgency;
import nl.ipsexchange.platform.security.NeedToKnow;

/**
 * Reads of what another agency shared, checked against consent again at every read (the second check) and against
 * need to know; every read of health data, and every refused attempt, leaves an access record written in the same
 * transaction before anything is shown.
 */
public class SharedClientReader {

    private final ConsentReplica consents;
    private final SharedClientDataStore store;
    private final AccessRecorder recorder;
    private final NeedToKnow needToKnow;
    private final Clock clock;
    private final Agency self;
    private final Predicate<String> heldBack;

    /**
     * @param heldBack whether incoming messages about a client are parked for an administrator: then a revocation
     *                 may be waiting among them, and nothing of that client is shown until they are resolved
     */
    public SharedClientReader(ConsentReplica consents, SharedClientDataStore store, AccessRecorder recorder,
                              NeedToKnow needToKnow, Clock clock, Agency self,
                              Predicate<String> heldBack) {
        this.heldBack = heldBack;
        this.consents = consents;
        this.store = store;
        this.recorder = recorder;
        this.needToKnow = needToKnow;
        this.clock = clock;
        this.self = self;
    }

    /** The outcome of a read. */
    public sealed interface Result {
    }

    /** Shown: the data, for the purpose, under these consents. */
    public record Shown(ClientDataSharedEvent data, Purpose purpose, Set<UUID> consentIds) implements Result {
    }

    /** Refused, with the reason (recorded). */
    public record Refused(String reason) implements Result {
    }

    /** Nothing was ever shared about this client with this agency. */
    public record Unknown() implements Result {
    }

    /** A person asks for the client: a refusal is an attempt, and recorded. */
    @Transactional
    public Result readClient(String clientId, Purpose purpose, AccessRecorder.Actor actor, Role role) {
        return readClient(clientId, purpose, actor, role, true);
    }

    /**
     * A list prepared for a person (the meeting's agenda) shows the client only where a consent covers the purpose:
     * where none does, nobody asked for this client, so nothing is recorded as a refused attempt (such records filled
     * the auditors' anomaly views with cases nobody tried to see). What is shown is recorded as any read.
     */
    @Transactional
    public Result readClientIfConsented(String clientId, Purpose purpose, AccessRecorder.Actor actor, Role role) {
        return readClient(clientId, purpose, actor, role, false);
    }

    private Result readClient(String clientId, Purpose purpose, AccessRecorder.Actor actor, Role role,
                              boolean asked) {
        List<ConsentTerms> terms = consents.consentsOf(clientId);
        Set<DataCategory> held = store.categoriesHeld(clientId);
        if (terms.isEmpty() && held.isEmpty()) {
            return new Unknown();
        }
        Instant now = clock.instant();
        Set<DataCategory> permitted = ConsentPolicy.permittedCategories(terms, self, purpose, now);
        boolean parked = heldBack.test(clientId);
        if (!asked && (permitted.isEmpty() || parked)) {
            return new Refused("Not shown in a list: no active consent covers " + purpose + ", or messages are held.");
        }
        if (parked) {
            return heldBack(actor, clientId, held, purpose);
        }
        if (permitted.isEmpty()) {
            recorder.record(AccessRecord.refused(actor, clientId, held,
                    "no active consent covers this agency for " + purpose).forPurpose(purpose));
            return new Refused("No active consent of this client covers " + purpose + " at this agency.");
        }
        Set<DataCategory> shown = EnumSet.noneOf(DataCategory.class);
        for (DataCategory category : held) {
            if (permitted.contains(category) && needToKnow.mayRead(role, category)) {
                shown.add(category);
            }
        }
        Set<UUID> consentIds = consentsFor(terms, shown, purpose, now);
        Set<DataCategory> health = healthOnly(shown);
        if (!health.isEmpty()) {
            // every consent the health categories shown rest on, one per category where they differ
            recorder.record(AccessRecord.read(actor, clientId, health).forPurpose(purpose)
                    .underConsents(consentsFor(terms, health, purpose, now)));
        }
        return new Shown(store.read(clientId, shown), purpose, consentIds);
    }

    /**
     * A person's read of one category of what was shared about a client, as a list shows it (the meeting's minutes):
     * shown only while an active consent covers it for the purpose and nothing about the client is held back.
     * Recorded either way, since the data is held here and was asked for: a read under the consent it rests on, or a
     * refusal naming why.
     */
    @Transactional
    public boolean readShared(SharedWithThisAgency.SharedRead read) {
        Set<DataCategory> categories = Set.of(read.category());
        if (heldBack.test(read.clientId())) {
            heldBack(read.reader(), read.clientId(), categories, read.purpose());
            return false;
        }
        Optional<UUID> consent = ConsentPolicy.permittingConsent(consents.consentsOf(read.clientId()), self,
                read.category(), read.purpose(), clock.instant());
        if (consent.isEmpty()) {
            recorder.record(AccessRecord.refused(read.reader(), read.clientId(), categories,
                    "no active consent covers " + read.category() + " for " + read.purpose() + ": " + read.what()
                            + " not shown").forPurpose(read.purpose()));
            return false;
        }
        recorder.record(AccessRecord.read(read.reader(), read.clientId(), categories).forPurpose(read.purpose())
                .underConsents(Set.of(consent.get())).because(read.what()));
        return true;
    }

    @Transactional
    public Result readHealth(String clientId, DataCategory category, Purpose purpose, AccessRecorder.Actor actor,
                             Role role) {
        List<ConsentTerms> terms = consents.consentsOf(clientId);
        Set<DataCategory> held = store.categoriesHeld(clientId);
        if (terms.isEmpty() && held.isEmpty()) {
            // someone looked for a client this agency knows nothing of: nothing was shown, the attempt stays on record
            recorder.record(AccessRecord.refused(actor, clientId, Set.of(category),
                    "nothing about this client is held here").forPurpose(purpose));
            return new Unknown();
        }
        if (heldBack.test(clientId)) {
            return heldBack(actor, clientId, Set.of(category), purpose);
        }
        if (!needToKnow.mayRead(role, category)) {
            recorder.record(AccessRecord.refused(actor, clientId, Set.of(category),
                    "role " + role + " has no need to know " + category).forPurpose(purpose));
            return new Refused("Your role may not read " + category + ".");
        }
        UUID consent = ConsentPolicy.permittingConsent(terms, self, category, purpose, clock.instant()).orElse(null);
        if (consent == null) {
            recorder.record(AccessRecord.refused(actor, clientId, Set.of(category),
                    "no active consent covers " + category + " for " + purpose).forPurpose(purpose));
            return new Refused("No active consent of this client covers " + category + " for " + purpose + ".");
        }
        if (!held.contains(category)) {
            recorder.record(AccessRecord.read(actor, clientId, Set.of(category)).forPurpose(purpose)
                    .underConsents(Set.of(consent)).because("nothing of this category is held here: nothing shown"));
            return new Unknown();
        }
        recorder.record(AccessRecord.read(actor, clientId, Set.of(category)).forPurpose(purpose)
                .underConsents(Set.of(consent)));
        return new Shown(store.read(clientId, Set.of(category)), purpose, Set.of(consent));
    }

    private Result heldBack(AccessRecorder.Actor actor, String clientId, Set<DataCategory> categories,
                            Purpose purpose) {
        recorder.record(AccessRecord.refused(actor, clientId, categories,
                "incoming messages about this client are parked for an administrator").forPurpose(purpose));
        return new Refused("Messages about this client from other agencies are held for an administrator (one may "
                + "change the client's consent); nothing is shown until they are resolved.");
    }

    private Set<UUID> consentsFor(List<ConsentTerms> terms, Set<DataCategory> categories, Purpose purpose,
                                  Instant now) {
        Set<UUID> ids = new TreeSet<>();
        for (DataCategory category : categories) {
            ConsentPolicy.permittingConsent(terms, self, category, purpose, now).ifPresent(ids::add);
        }
        return ids;
    }

    private static Set<DataCategory> healthOnly(Set<DataCategory> categories) {
        Set<DataCategory> health = EnumSet.noneOf(DataCategory.class);
        categories.stream().filter(DataCategory::isHealthData).forEach(health::add);
        return health;
    }
}
