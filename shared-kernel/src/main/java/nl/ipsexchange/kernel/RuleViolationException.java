package nl.ipsexchange.kernel;

import java.util.Objects;

/**
 * A command refused by a business rule. Thrown by aggregates and domain services; the web layer turns the
 * {@link Kind} into an HTTP status and shows the message (which names the rule, never personal data).
 */
public class RuleViolationException extends RuntimeException {

    public enum Kind {
        /** The command itself is invalid (400). */
        INVALID,
        /** The command is valid but a business rule refuses it (422). */
        REFUSED,
        /** The command conflicts with the current state (409). */
        CONFLICT,
        /** The command names something that does not exist (404). */
        NOT_FOUND
    }

    private final Kind kind;

    public RuleViolationException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind);
    }

    public static RuleViolationException invalid(String message) {
        return new RuleViolationException(Kind.INVALID, message);
    }

    public static RuleViolationException refused(String message) {
        return new RuleViolationException(Kind.REFUSED, message);
    }

    public static RuleViolationException conflict(String message) {
        return new RuleViolationException(Kind.CONFLICT, message);
    }

    public Kind kind() {
        return kind;
    }
}
