package nl.ipsexchange.platform.web;

/** Refused for a reason the user may know (no consent, no need to know); answered with 403 and the reason. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String detail) {
        super(detail);
    }
}
