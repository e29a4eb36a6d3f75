package nl.ipsexchange.funding;

import java.time.LocalDate;
import java.util.Optional;

import nl.ipsexchange.funding.FidelityRegister.LatestReview;
import nl.ipsexchange.funding.command.FundingCommands.FidelityRefusal;
import nl.ipsexchange.kernel.fidelity.FidelityBand;
import nl.ipsexchange.kernel.fidelity.FidelityCovenant;
import nl.ipsexchange.kernel.funding.FundingDecisionReason;

/**
 * The fidelity condition of an approval (section 3, step 5; ADR 0045): the newest review of the trajectory's own
 * team, at most the covenant's maximum age old, independent of the provider and the trainer unless the covenant
 * accepts one that is not, FAIR or better. The one home of that condition: the verdict travels in the approval
 * command, and the aggregate records a refusal with its code and words.
 */
public class FidelityGate {

    private final FidelityRegister register;
    private final FidelityCovenant covenant;

    public FidelityGate(FidelityRegister register, FidelityCovenant covenant) {
        this.register = register;
        this.covenant = covenant;
    }

    /** The band of the team's newest review (null if none) and why it cannot open funding (null if it can). */
    public record Verdict(String team, FidelityBand band, FidelityRefusal refusal) {
    }

    /** The verdict on an application, today. */
    public Verdict verdict(String applicationId, LocalDate today) {
        Optional<String> team = register.teamOf(applicationId);
        return judge(covenant, team.orElse(null), team.flatMap(register::latest), today);
    }

    static Verdict judge(FidelityCovenant covenant, String team, Optional<LatestReview> newest, LocalDate today) {
        if (team == null) {
            return refused(null, null, FundingDecisionReason.NO_TEAM_NAMED, "the application names no IPS team (it "
                    + "was sent before applications named one): no team's fidelity review can open funding");
        }
        if (newest.isEmpty()) {
            return refused(team, null, FundingDecisionReason.NO_FIDELITY_REVIEW,
                    "no fidelity review of " + team + " is known: funding needs FAIR or better");
        }
        LatestReview review = newest.get();
        int maxMonths = covenant.maxReviewAgeMonths();
        if (review.reviewDate().plusMonths(maxMonths).isBefore(today)) {
            return refused(team, review.band(), FundingDecisionReason.FIDELITY_REVIEW_TOO_OLD, "the newest review of "
                    + team + " is from " + review.reviewDate() + ", older than " + maxMonths + " months: funding "
                    + "needs a newer review");
        }
        if (!review.independent() && !covenant.nonIndependentReviewOpensFunding()) {
            return refused(team, review.band(), FundingDecisionReason.FIDELITY_REVIEW_NOT_INDEPENDENT, "the newest "
                    + "review of " + team + " (" + review.reviewDate() + ") is not independent of the provider and "
                    + "the trainer: the covenant does not accept it");
        }
        if (!review.band().allowsFunding()) {
            return refused(team, review.band(), FundingDecisionReason.FIDELITY_BELOW_FAIR, "the newest review of "
                    + team + " is " + review.band() + ": funding needs FAIR or better");
        }
        return new Verdict(team, review.band(), null);
    }

    private static Verdict refused(String team, FidelityBand band, FundingDecisionReason code, String reason) {
        return new Verdict(team, band, new FidelityRefusal(code, reason));
    }
}
