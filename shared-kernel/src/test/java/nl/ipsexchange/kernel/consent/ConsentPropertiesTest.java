package nl.ipsexchange.kernel.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.sharing.ClientDataSharedEvent;

/**
 * Random sequences of grant, revoke, time passing (expiry), share and read: nothing is ever disclosed by the
 * consent gate, accepted by a receiver, or readable, unless an active permitting consent covers it at that moment.
 */
class ConsentPropertiesTest {

    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");
    private static final Agency[] RECIPIENTS = {Agency.BENEFITS, Agency.MUNICIPALITY, Agency.INSURER};

    sealed interface Step permits Grant, Revoke, Elapse, Share, Read {
    }

    record Grant(ConsentEffect effect, Set<Agency> recipients, Set<DataCategory> categories, Set<Purpose> purposes,
                 int startsInDays, int lastsDays) implements Step {
    }

    record Revoke(int index) implements Step {
    }

    record Elapse(int hours) implements Step {
    }

    record Share(Agency to, Purpose purpose) implements Step {
    }

    record Read(Agency at, DataCategory category, Purpose purpose) implements Step {
    }

    @Property(tries = 400)
    void nothingIsDisclosedAcceptedOrReadWithoutAnActivePermissionCoveringIt(@ForAll("scenarios") List<Step> steps) {
        List<ConsentTerms> consents = new ArrayList<>();
        Instant now = START;
        for (Step step : steps) {
            if (step instanceof Grant grant) {
                LocalDate from = LocalDate.ofInstant(now, ConsentTerms.ZONE).plusDays(grant.startsInDays());
                consents.add(new ConsentTerms(UUID.randomUUID(), "client", grant.effect(), grant.recipients(),
                        grant.categories(), grant.purposes(), from, from.plusDays(grant.lastsDays()), null));
            } else if (step instanceof Revoke revoke && !consents.isEmpty()) {
                int index = revoke.index() % consents.size();
                consents.set(index, consents.get(index).endedAt(now));
            } else if (step instanceof Elapse elapse) {
                now = now.plus(Duration.ofHours(elapse.hours()));
            } else if (step instanceof Share share) {
                checkShare(consents, share, now);
            } else if (step instanceof Read read) {
                boolean permitted = ConsentPolicy.permits(consents, read.at(), read.category(), read.purpose(), now);
                if (permitted) {
                    assertThat(activePermissionCovers(consents, read.at(), read.category(), read.purpose(), now))
                            .as("read of %s at %s for %s", read.category(), read.at(), read.purpose()).isTrue();
                }
            }
        }
    }

    private static void checkShare(List<ConsentTerms> consents, Share share, Instant now) {
        Set<DataCategory> permitted = ConsentPolicy.permittedCategories(consents, share.to(), share.purpose(), now);
        ClientDataSharedEvent sent = everything().restrictedTo(permitted);

        for (DataCategory category : sent.categories()) {
            assertThat(activePermissionCovers(consents, share.to(), category, share.purpose(), now))
                    .as("%s disclosed to %s for %s", category, share.to(), share.purpose()).isTrue();
        }
        if (consents.stream().noneMatch(c -> c.effect() == ConsentEffect.DENY)) {
            Set<DataCategory> expected = EnumSet.noneOf(DataCategory.class);
            for (DataCategory category : DataCategory.values()) {
                if (activePermissionCovers(consents, share.to(), category, share.purpose(), now)) {
                    expected.add(category);
                }
            }
            assertThat(sent.categories()).as("without refusals, exactly what is covered is shared")
                    .isEqualTo(expected);
        }
        if (!sent.categories().isEmpty()) {
            UUID cited = ConsentPolicy.permittingConsent(consents, share.to(), sent.categories().iterator().next(),
                    share.purpose(), now).orElseThrow();
            assertThat(ConsentPolicy.refusalOfReceipt(consents, share.to(), cited, share.purpose(),
                    sent.categories(), now)).as("the receiver accepts what the gate let through").isEmpty();
            for (DataCategory extra : DataCategory.values()) {
                if (!sent.categories().contains(extra)) {
                    Set<DataCategory> more = EnumSet.copyOf(sent.categories());
                    more.add(extra);
                    assertThat(ConsentPolicy.refusalOfReceipt(consents, share.to(), cited, share.purpose(), more,
                            now)).as("the receiver refuses %s that the gate withheld", extra).isPresent();
                }
            }
        }
    }

    /** The oracle: some consent that permits, is active now and covers exactly this question. */
    private static boolean activePermissionCovers(List<ConsentTerms> consents, Agency agency, DataCategory category,
                                                  Purpose purpose, Instant now) {
        return consents.stream().anyMatch(c -> c.effect() == ConsentEffect.PERMIT && c.isActiveAt(now)
                && c.covers(agency, category, purpose));
    }

    private static ClientDataSharedEvent everything() {
        return new ClientDataSharedEvent("client",
                new ClientDataSharedEvent.Identification("Name", "111222333", LocalDate.of(1990, 1, 1)),
                new ClientDataSharedEvent.Benefits(BenefitType.DISABILITY, "Utrecht"),
                new ClientDataSharedEvent.Employment("gardening", false), "summary", "diagnosis", "treatment");
    }

    @Provide
    Arbitrary<List<Step>> scenarios() {
        Arbitrary<Step> grant = Combinators.combine(
                Arbitraries.frequency(Tuple.of(4, ConsentEffect.PERMIT), Tuple.of(1, ConsentEffect.DENY)),
                Arbitraries.of(RECIPIENTS).set().ofMinSize(1),
                Arbitraries.of(DataCategory.class).set().ofMinSize(1),
                Arbitraries.of(Purpose.class).set().ofMinSize(1),
                Arbitraries.integers().between(-3, 3),
                Arbitraries.integers().between(0, 10)).as(Grant::new);
        Arbitrary<Step> revoke = Arbitraries.integers().between(0, 20).map(Revoke::new);
        Arbitrary<Step> elapse = Arbitraries.integers().between(1, 72).map(Elapse::new);
        Arbitrary<Step> share = Combinators.combine(Arbitraries.of(RECIPIENTS), Arbitraries.of(Purpose.class))
                .as(Share::new);
        Arbitrary<Step> read = Combinators.combine(Arbitraries.of(RECIPIENTS), Arbitraries.of(DataCategory.class),
                Arbitraries.of(Purpose.class)).as(Read::new);
        return Arbitraries.frequencyOf(
                Tuple.of(3, grant), Tuple.of(2, revoke), Tuple.of(2, elapse),
                Tuple.of(4, share), Tuple.of(4, read)).list().ofMaxSize(40);
    }
}
