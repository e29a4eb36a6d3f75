package nl.ipsexchange.platform.web;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * The dates a service takes from its users, in a body, a query, a path or a form: {@code yyyy-MM-dd}, a real day,
 * from {@value #EARLIEST_TEXT} to {@value #LATEST_TEXT}. A birth date or an effective date outside those years is a
 * typing error, and such a date cannot travel: year 0 does not exist in PostgreSQL, years beyond 9999 are not written
 * by its driver, and a consent valid until the year 300000 cannot be scheduled. Accepted, one such date parked every
 * later message about its client at every receiving agency; now it is a 400 naming the field.
 */
public final class InputDates {

    static final String EARLIEST_TEXT = "1900-01-01";
    static final String LATEST_TEXT = "2199-12-31";
    public static final LocalDate EARLIEST = LocalDate.parse(EARLIEST_TEXT);
    public static final LocalDate LATEST = LocalDate.parse(LATEST_TEXT);
    /** What a problem document says of a date that is not one of these. */
    public static final String EXPECTED = "must be a date as yyyy-MM-dd, from " + EARLIEST_TEXT + " to "
            + LATEST_TEXT;

    private static final Pattern FORM = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private InputDates() {
    }

    /** The date {@code text} names; {@link DateTimeException} if it is not a date of the accepted form and years. */
    public static LocalDate parse(String text) {
        if (text == null || !FORM.matcher(text).matches()) {
            throw new DateTimeException(EXPECTED);
        }
        LocalDate date = LocalDate.parse(text);   // ISO, strict: 2026-02-30 is refused
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw new DateTimeException(EXPECTED);
        }
        return date;
    }

    /** For JSON bodies: only a string of that form; a number (a day count), an array or an object is refused. */
    static final class Deserializer extends StdScalarDeserializer<LocalDate> {

        Deserializer() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
            }
            String text = parser.getText();
            try {
                return parse(text);
            } catch (DateTimeException e) {
                return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text, EXPECTED);
            }
        }
    }

    /** For query parameters, path variables and form fields, annotated with {@code @DateTimeFormat} or not. */
    static final class Formatter implements org.springframework.format.Formatter<LocalDate> {

        @Override
        public LocalDate parse(String text, Locale locale) {
            return InputDates.parse(text);
        }

        @Override
        public String print(LocalDate date, Locale locale) {
            return date.toString();
        }
    }
}
