package nl.ipsexchange.platform.web;

/** A request that conflicts with the current state (e.g. a duplicate); answered with 409 and the reason. */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
