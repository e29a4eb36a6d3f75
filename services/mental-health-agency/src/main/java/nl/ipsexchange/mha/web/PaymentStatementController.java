package nl.ipsexchange.mha.web;

import java.time.LocalDate;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.ipsexchange.kernel.funding.PaymentStatement;
import nl.ipsexchange.kernel.funding.StatementPeriod;
import nl.ipsexchange.mha.query.trajectory.TrajectoryFundingProjection;

/** What the funders owe this agency for a period, from the payment lines they reported (ADR 0046, 0047). */
@RestController
@Tag(name = "payments", description = "The funders' payments to the mental health agency")
public class PaymentStatementController {

    private final TrajectoryFundingProjection funding;

    public PaymentStatementController(TrajectoryFundingProjection funding) {
        this.funding = funding;
    }

    @GetMapping("/api/payment-statement")
    @Staff
    @Operation(summary = "The statement of a period (from and to inclusive, at most ten years): per trajectory and "
            + "funder what fell due in it (owed), what was paid in it, and what was outstanding at its end; totals")
    public PaymentStatement statement(@RequestParam LocalDate from, @RequestParam LocalDate to) {
        return funding.statement(new StatementPeriod(from, to));
    }
}
