package nl.ipsexchange.insurer;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.ipsexchange.funding.query.FundingProjection;

/** The insurer's intake lines of a trajectory. */
@RestController
@Tag(name = "payments", description = "Intake (assessment) hours billed to the insurer")
public class IntakePaymentsController {

    private final FundingProjection funding;

    public IntakePaymentsController(FundingProjection funding) {
        this.funding = funding;
    }

    @GetMapping("/api/trajectories/{trajectoryId}/payments")
    @CareAdvisers
    @Operation(summary = "The INTAKE lines of a trajectory")
    public List<FundingProjection.PaymentView> payments(@PathVariable UUID trajectoryId) {
        return funding.payments(trajectoryId.toString());
    }
}
