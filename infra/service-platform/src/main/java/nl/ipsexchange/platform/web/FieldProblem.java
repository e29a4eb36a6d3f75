package nl.ipsexchange.platform.web;

/** One field of a request that is wrong, and why: one entry of a problem document's {@code errors}. */
public record FieldProblem(String field, String message) {
}
