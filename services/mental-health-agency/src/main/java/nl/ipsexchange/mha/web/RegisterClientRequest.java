package nl.ipsexchange.mha.web;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.ipsexchange.kernel.BenefitType;

/** The body of {@code POST /api/clients}. */
public record RegisterClientRequest(
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
        String name,
        @NotBlank(message = "is required")
        @Pattern(regexp = "\\d{9}", message = "must be 9 digits")
        @ValidBsn
        String bsn,
        @NotNull(message = "is required") @Past(message = "must be in the past")
        LocalDate dateOfBirth,
        @NotNull(message = "is required (SOCIAL_ASSISTANCE, DISABILITY or NONE)")
        BenefitType benefit,
        @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters")
        String municipality) {
}
