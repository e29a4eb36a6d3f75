package nl.ipsexchange.platform.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What happened at the door, in the log and in the {@code security_event} table (ADR 35): the user name as typed
 * (control characters replaced, at most 200 characters) and the source address, never the password.
 */
public class SecurityEvents {

    /** What happened. */
    public enum Kind {
        /** A password was checked and was wrong, or there is no such user. */
        LOGIN_FAILED,
        /** Refused without checking the password: the account or the address is throttled. */
        LOGIN_THROTTLED
    }

    /** Where the login came in: HTTP Basic on the API, or the pages' login form. */
    public enum Channel {
        API, FORM
    }

    /** One event, as the administrator sees it. */
    public record Event(Instant occurredAt, Kind kind, String username, String sourceAddress, Channel channel) {
    }

    /** How many events the administrator's view shows. */
    public static final int RECENT = 200;

    private static final Logger log = LoggerFactory.getLogger(SecurityEvents.class);
    private static final int MAX_ADDRESS = 100;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SecurityEvents(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void loginFailed(String username, String address, Channel channel) {
        String user = LoginThrottle.LoginNames.shown(username);
        String from = address(address);
        log.warn("login failed: user '{}' from {} ({})", user, from, channel);
        record(Kind.LOGIN_FAILED, user, from, channel);
    }

    public void loginThrottled(String username, String address, Channel channel, Duration refusedFor) {
        String user = LoginThrottle.LoginNames.shown(username);
        String from = address(address);
        log.warn("login refused, too many failures: user '{}' from {} ({}), for {} s more", user, from, channel,
                refusedFor.toSeconds());
        record(Kind.LOGIN_THROTTLED, user, from, channel);
    }

    private void record(Kind kind, String user, String address, Channel channel) {
        jdbc.update("insert into security_event (occurred_at, kind, username, source_address, channel) "
                + "values (?, ?, ?, ?, ?)", Timestamp.from(clock.instant()), kind.name(), user, address, channel.name());
    }

    /** The newest {@link #RECENT} events, newest first. */
    public List<Event> recent() {
        return jdbc.query("select occurred_at, kind, username, source_address, channel from security_event "
                + "order by id desc limit " + RECENT, (row, n) -> new Event(row.getTimestamp(1).toInstant(),
                Kind.valueOf(row.getString(2)), row.getString(3), row.getString(4), Channel.valueOf(row.getString(5))));
    }

    private static String address(String address) {
        String shown = LoginThrottle.LoginNames.shown(address == null ? "unknown" : address);
        return shown.length() > MAX_ADDRESS ? shown.substring(0, MAX_ADDRESS) : shown;
    }
}
