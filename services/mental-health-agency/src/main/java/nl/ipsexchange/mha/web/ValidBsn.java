package nl.ipsexchange.mha.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import nl.ipsexchange.mha.command.client.Bsn;

/** A citizen service number that passes the eleven-test (nine digits are checked by {@code @Pattern}). */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidBsn.Validator.class)
public @interface ValidBsn {

    String message() default "is not a valid citizen service number (eleven-test)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidBsn, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || !value.matches("\\d{9}") || Bsn.isValid(value);
        }
    }
}
