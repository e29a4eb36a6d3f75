package nl.ipsexchange.platform.web;

/** A request that is wrong in a way the message names; answered with 400 and that message as detail. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String detail) {
        super(detail);
    }
}
