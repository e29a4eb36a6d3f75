package nl.ipsexchange.platform.web;

/** A request that is wrong in a way the message names; answered with 400 and that message as detail. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String detail) {
        super(detail);
    }

    /** A period given as inclusive dates, either end open: refused when it ends before it starts. */
    public static void requireOrderedPeriod(java.time.LocalDate from, java.time.LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new BadRequestException("to: must not be before from");
        }
    }
}
