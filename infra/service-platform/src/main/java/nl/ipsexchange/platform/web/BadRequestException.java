package nl.ipsexchange.platform.web;

import java.time.LocalDate;

/** A request that is wrong in a way the message names; answered with 400 and that message as detail. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String detail) {
        super(detail);
    }

    /** A period given as inclusive dates, either end open: refused when it ends before it starts. */
    public static void requireOrderedPeriod(LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new BadRequestException("to: must not be before from");
        }
    }
}
