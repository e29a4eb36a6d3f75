package nl.ipsexchange.funding.command;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;

import nl.ipsexchange.funding.command.FundingEvents.FundingApplicationReceivedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingApprovedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentFellDueEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentScheduledEvent;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.funding.FunderTerms;
import nl.ipsexchange.kernel.funding.FundingAgreement;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.Placement;

/**
 * The covenant and the events the funding application's tests start from: shared by the aggregate's own test here
 * and by the funders' tests of their policies through it (the municipality's and the benefits agency's modules,
 * from this module's test jar).
 */
public final class FundingFixtures {

    public static final String A = "t-1";
    public static final String C = "c-1";
    public static final LocalDate REFERRED = LocalDate.of(2026, 1, 5);
    public static final LocalDate START = LocalDate.of(2026, 1, 15);
    public static final Instant START_MORNING = Instant.parse("2026-01-15T08:00:00Z");

    /** The default covenant (as configured: {@code FundingAgreementConfigurationTest}) with a test minimum wage. */
    public static final FundingAgreement AGREEMENT = new FundingAgreement("2025.1", LocalDate.of(2025, 1, 1),
            new FundingAgreement.Municipality(bd("900"), bd("900"), bd("900"), 18, bd("1800"), 9, bd("12"), 1,
                    null),
            new FundingAgreement.Benefits(bd("2420"), bd("2420"), 36, bd("1210"), bd("12"), bd("35"), 2,
                    bd("62.50")),
            List.of(), new FundingAgreement.Insurer(bd("95.00"), bd("8")),
            List.of(new FundingAgreement.MinimumWage(LocalDate.of(2025, 1, 1), bd("2200.00"))));

    /** Each funder's part of the default covenant, as an approval under it pins it. */
    public static final FunderTerms MUNICIPALITY_TERMS = AGREEMENT.first().termsOf(Agency.MUNICIPALITY);
    public static final FunderTerms BENEFITS_TERMS = AGREEMENT.first().termsOf(Agency.BENEFITS);

    public static final String DETAILS_ERASED = "the application's details were erased when the client's consent "
            + "ended: it can no longer be decided";
    public static final String PLACEMENT_ERASED = "the placement's details were erased when the client's consent "
            + "ended: the bonus cannot be decided";

    private FundingFixtures() {
    }

    public static BigDecimal bd(String value) {
        return new BigDecimal(value);
    }

    public static FundingApplicationReceivedEvent received(Agency funder) {
        return new FundingApplicationReceivedEvent(A, C, funder,
                funder == Agency.MUNICIPALITY ? BenefitType.SOCIAL_ASSISTANCE : BenefitType.DISABILITY, REFERRED,
                REFERRED.plusDays(7));
    }

    /** The application as it reads from the event store once the client's BENEFITS key is destroyed. */
    public static FundingApplicationReceivedEvent receivedErased(Agency funder) {
        return new FundingApplicationReceivedEvent(A, C, funder, null, null, null);
    }

    public static String line(PaymentType type) {
        return A + ":" + type;
    }

    public static PaymentScheduledEvent scheduled(PaymentType type, String amount, LocalDate due) {
        return new PaymentScheduledEvent(A, C, line(type), type, bd(amount), due);
    }

    /** The approval on START under these terms. */
    public static FundingApprovedEvent approved(FunderTerms terms) {
        return new FundingApprovedEvent(A, C, START, terms);
    }

    /** The events of an approval of a municipality application on START, with START due at once. */
    public static Object[] approvedMunicipality() {
        return new Object[] {received(Agency.MUNICIPALITY), approved(MUNICIPALITY_TERMS),
                scheduled(PaymentType.START, "900", START), new PaymentFellDueEvent(A, line(PaymentType.START)),
                scheduled(PaymentType.THREE_MONTHS, "900", START.plusMonths(3)),
                scheduled(PaymentType.FINAL, "900", START.plusMonths(18))};
    }

    public static Object[] approvedBenefits() {
        return new Object[] {received(Agency.BENEFITS), approved(BENEFITS_TERMS),
                scheduled(PaymentType.START, "2420", START), new PaymentFellDueEvent(A, line(PaymentType.START)),
                scheduled(PaymentType.FINAL, "2420", START.plusMonths(36))};
    }

    /** A fixture of the funding application with the funder's policy its handlers take. */
    public static AggregateTestFixture<FundingApplication> fixture(FunderPolicy policy) {
        AggregateTestFixture<FundingApplication> fixture = new AggregateTestFixture<>(FundingApplication.class);
        fixture.registerInjectableResource(policy);
        return fixture;
    }

    public static Placement job(String hours, String wage, LocalDate start, LocalDate end) {
        return new Placement("p-1", true, bd(hours), bd(wage), start, end);
    }
}
