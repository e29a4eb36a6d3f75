package nl.ipsexchange.platform.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import nl.ipsexchange.platform.IpsProperties;

/**
 * Whether a login may be tried, kept in the service's database so that every instance of the service sees the same
 * state (ADR 35). Failures are counted per account name (as typed, in lower case, whether or not such a user exists:
 * unknown and known names are throttled alike) and per source address; after {@code maxFailures} within the window,
 * logins for that account or from that address are refused without a password check for a block that doubles with
 * each block in a row, up to {@code maxBlock}: an attacker can keep an account blocked only by failing again, and a
 * block never lasts longer than the bound.
 *
 * <p>Every HTTP Basic request asks; a standing with no failures is remembered for {@link #CLEAN_FOR} so that a user's
 * run of API requests does not read the table on each. A block set by another instance is seen here at most that
 * much later; one set by this instance at once (a failure forgets every clean standing).
 */
public class LoginThrottle {

    /** How long an account and address without failures are taken to be clean without asking the database. */
    static final Duration CLEAN_FOR = Duration.ofSeconds(1);
    private static final int MAX_REMEMBERED = 10_000;
    private static final int MAX_NAME = 200;

    /** What the throttle knows of a login about to be tried. */
    public record Standing(Duration refusedFor, boolean accountHasFailures) {

        static final Standing CLEAN = new Standing(Duration.ZERO, false);

        public boolean refused() {
            return !refusedFor.isZero() && !refusedFor.isNegative();
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final IpsProperties.LoginThrottling settings;
    private final Map<String, Instant> clean = new ConcurrentHashMap<>();

    public LoginThrottle(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock,
                         IpsProperties.LoginThrottling settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
    }

    /** Whether a login for {@code account} from {@code address} is refused now, and for how long. */
    public Standing standing(String account, String address) {
        Instant now = clock.instant();
        String accountKey = accountKey(account);
        String addressKey = addressKey(address);
        String both = accountKey + '\n' + addressKey;
        Instant cleanUntil = clean.get(both);
        if (cleanUntil != null && now.isBefore(cleanUntil)) {
            return Standing.CLEAN;
        }
        Duration refusedFor = Duration.ZERO;
        boolean accountHasFailures = false;
        List<Map<String, Object>> rows = jdbc.queryForList("select throttle_key, blocked_until from login_throttle "
                + "where throttle_key in (?, ?)", accountKey, addressKey);
        for (Map<String, Object> row : rows) {
            Timestamp blockedUntil = (Timestamp) row.get("blocked_until");
            if (blockedUntil != null && blockedUntil.toInstant().isAfter(now)) {
                Duration left = Duration.between(now, blockedUntil.toInstant());
                refusedFor = left.compareTo(refusedFor) > 0 ? left : refusedFor;
            }
            accountHasFailures |= accountKey.equals(row.get("throttle_key"));
        }
        if (rows.isEmpty()) {
            if (clean.size() >= MAX_REMEMBERED) {
                clean.clear();
            }
            clean.put(both, now.plus(CLEAN_FOR));
        }
        return new Standing(refusedFor, accountHasFailures);
    }

    /** A login failed: counts it for the account and the address, and blocks either when it has failed too often. */
    public void failed(String account, String address) {
        Instant now = clock.instant();
        String accountKey = accountKey(account);
        String addressKey = addressKey(address);
        // a block set here holds at once for every pair of account and address this instance has seen clean
        clean.clear();
        transactions.executeWithoutResult(status -> {
            count(accountKey, now);
            count(addressKey, now);
            // what is long forgotten goes, so that names sprayed once do not pile up
            jdbc.update("delete from login_throttle where last_failure_at < ? and (blocked_until is null "
                    + "or blocked_until < ?)", Timestamp.from(now.minus(settings.getForgetAfter())), Timestamp.from(now));
        });
    }

    /** A login succeeded: the account's failures are forgiven (its address's are not: it may be an attacker's). */
    public void succeeded(String account) {
        jdbc.update("delete from login_throttle where throttle_key = ?", accountKey(account));
    }

    private void count(String key, Instant now) {
        jdbc.update("insert into login_throttle (throttle_key, failures, window_started, lockouts, last_failure_at) "
                + "values (?, 0, ?, 0, ?) on conflict (throttle_key) do nothing", key, Timestamp.from(now),
                Timestamp.from(now));
        Map<String, Object> row = jdbc.queryForMap("select failures, window_started, blocked_until, lockouts, "
                + "last_failure_at from login_throttle where throttle_key = ? for update", key);
        Instant blockedUntil = row.get("blocked_until") == null ? null
                : ((Timestamp) row.get("blocked_until")).toInstant();
        Instant lastFailure = ((Timestamp) row.get("last_failure_at")).toInstant();
        Instant windowStarted = ((Timestamp) row.get("window_started")).toInstant();
        int failures = ((Number) row.get("failures")).intValue();
        int lockouts = ((Number) row.get("lockouts")).intValue();
        if (blockedUntil != null && blockedUntil.isAfter(now)) {
            // a login tried while blocked is refused before its password is checked; it does not lengthen the block
            return;
        }
        if (lastFailure.isBefore(now.minus(settings.getForgetAfter()))) {
            lockouts = 0;
        }
        if (windowStarted.isBefore(now.minus(settings.getWindow()))) {
            failures = 0;
            windowStarted = now;
        }
        failures++;
        if (failures >= settings.getMaxFailures()) {
            lockouts++;
            blockedUntil = now.plus(block(lockouts));
            failures = 0;
            windowStarted = now;
        }
        jdbc.update("update login_throttle set failures = ?, window_started = ?, blocked_until = ?, lockouts = ?, "
                        + "last_failure_at = ? where throttle_key = ?", failures, Timestamp.from(windowStarted),
                blockedUntil == null ? null : Timestamp.from(blockedUntil), lockouts, Timestamp.from(now), key);
    }

    /** The n-th block in a row: the first block, doubled for each before it, never more than the bound. */
    Duration block(int lockouts) {
        Duration block = settings.getFirstBlock();
        for (int i = 1; i < lockouts && block.compareTo(settings.getMaxBlock()) < 0; i++) {
            block = block.multipliedBy(2);
        }
        return block.compareTo(settings.getMaxBlock()) > 0 ? settings.getMaxBlock() : block;
    }

    private static String accountKey(String account) {
        return "account:" + LoginNames.shown(account).toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + LoginNames.shown(address);
    }

    /** How a name typed at the door is kept and logged: no control characters (log lines), at most 200 characters. */
    static final class LoginNames {

        private LoginNames() {
        }

        static String shown(String typed) {
            if (typed == null) {
                return "";
            }
            StringBuilder shown = new StringBuilder(Math.min(typed.length(), MAX_NAME));
            typed.codePoints().limit(MAX_NAME).forEach(c -> shown.appendCodePoint(
                    Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c));
            return shown.toString();
        }
    }
}
