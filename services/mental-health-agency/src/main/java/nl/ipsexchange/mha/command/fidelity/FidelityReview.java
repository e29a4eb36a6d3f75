package nl.ipsexchange.mha.command.fidelity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.text.Normalizer;
import java.util.Locale;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.mha.command.fidelity.FidelityReviewCommands.RecordFidelityReviewCommand;
import nl.ipsexchange.mha.command.fidelity.FidelityReviewEvents.FidelityReviewRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.IpsTeams;

/**
 * An IPS-25 fidelity review of a team (section 8 of the domain brief). Team-level data: no client in it. Independent
 * only when the reviewer belongs to neither the team's trainer nor the provider itself (ADR 0045); of one of the
 * agency's configured teams only, as a referral's team is ({@link IpsTeams}).
 */
@Aggregate
public class FidelityReview {

    @AggregateIdentifier
    private String reviewId;

    protected FidelityReview() {
        // for Axon
    }

    @CommandHandler
    public FidelityReview(RecordFidelityReviewCommand command, IpsTeams teams) {
        for (String[] field : new String[][] {{command.team(), "team"}, {command.reviewer(), "reviewer"},
                {command.reviewerOrganisation(), "reviewerOrganisation"},
                {command.trainingOrganisation(), "trainingOrganisation"}}) {
            if (field[0] == null || field[0].isBlank()) {
                throw RuleViolationException.invalid(field[1] + ": is required");
            }
        }
        if (command.reviewDate() == null || command.reviewDate().isAfter(command.today())) {
            throw RuleViolationException.invalid("reviewDate: must be a date, not in the future");
        }
        // a review decides the funding of the team's trajectories: it must be of a team the agency has
        String team = teams.chosen(command.team()).name();
        String provider = teams.providerOrganisation();
        apply(new FidelityReviewRecordedEvent(command.reviewId(), team, command.reviewDate(),
                command.reviewer().strip(), command.reviewerOrganisation().strip(),
                command.trainingOrganisation().strip(), command.scores().items(), command.scores().total(),
                command.scores().band(),
                !sameOrganisation(command.reviewerOrganisation(), command.trainingOrganisation())
                        && !sameOrganisation(command.reviewerOrganisation(), provider),
                provider.strip()));
    }

    /** Organisations compared without regard to case, accents, punctuation and spacing. */
    static boolean sameOrganisation(String a, String b) {
        return normalise(a).equals(normalise(b));
    }

    private static String normalise(String organisation) {
        return Normalizer.normalize(organisation, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    @EventSourcingHandler
    void on(FidelityReviewRecordedEvent event) {
        this.reviewId = event.reviewId();
    }
}
