package nl.ipsexchange.mha.query.trajectory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;

/**
 * A trajectory as the mental health agency's staff see it; {@code team}: its IPS team (ADR 0045), {@code specialist}:
 * the specialist of that team assigned, null if none.
 */
public record TrajectoryView(String trajectoryId, String clientId, BenefitType benefit, Agency funder,
                             LocalDate referredOn, String jobPreferences, int intakeSessions,
                             BigDecimal intakeHoursBilled, LocalDate appliedOn, String fundingRefusal,
                             LocalDate firstEmployerContact, LocalDate closedOn, List<PlacementView> placements,
                             String team, String specialist) {

    public boolean isOpen() {
        return closedOn == null;
    }

    /** A job of the client in this trajectory. */
    public record PlacementView(String placementId, String employer, String jobTitle, boolean competitive,
                                BigDecimal hoursPerWeek, BigDecimal monthlyGrossWage, LocalDate startDate,
                                LocalDate endDate) {
    }
}
