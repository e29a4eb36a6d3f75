package nl.ipsexchange.platform.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.io.ClassPathResource;

import nl.ipsexchange.platform.security.SecurityConfiguration;
import nl.ipsexchange.platform.security.PublishedSecrets;

/**
 * The pseudonyms this agency's status events on {@code ips.status} name clients and trajectories by (ADR 36): the
 * first 128 bits of HMAC-SHA-256 under a key only this agency holds ({@value #SETTING}), base64url. The same id gives
 * the same pseudonym every time (a relay repeated, a projection rebuilt from the topic give the same figures); without
 * the key no other agency can compute one from an id it knows, nor an id from a pseudonym. A client's and a
 * trajectory's pseudonym of the same text differ (the kind is hashed with the id).
 */
public final class StatusPseudonyms {

    /** The setting, for messages (never its value). */
    public static final String SETTING = "ips.status.pseudonym-key (IPS_STATUS_PSEUDONYM_KEY)";

    private static final String PROPERTY = "ips.status.pseudonym-key";
    /** The demo's keys, one per service ({@code ips.status.demo-pseudonym-keys.<service>}), published there. */
    private static final String DEMO_KEYS = "ips.status.demo-pseudonym-keys.";
    private static final String DEMO_FILE = "ips-platform-demo.yml";
    private static final int MIN_KEY_BYTES = 32;
    private static final int PSEUDONYM_BYTES = 16;

    private final SecretKeySpec key;

    private StatusPseudonyms(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * The service's pseudonyms, from its setting. Outside the demo profile a missing key, one shorter than 256 bits,
     * or one of the demo's published keys refuses the start, naming the setting.
     */
    public static StatusPseudonyms fromSettings(Environment environment) {
        return fromKey(environment.getProperty(PROPERTY),
                environment.acceptsProfiles(Profiles.of(SecurityConfiguration.DEMO_PROFILE)));
    }

    static StatusPseudonyms fromKey(String encoded, boolean demo) {
        if (encoded == null || encoded.isBlank()) {
            throw new IllegalStateException(SETTING + " is not set: status events name clients and trajectories by "
                    + "a keyed hash under a key of this agency's own (256 bits, base64)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(SETTING + " is not base64");
        }
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalStateException(SETTING + " must be at least 32 bytes (256 bits) in base64; it is "
                    + bytes.length + " bytes");
        }
        new PublishedSecrets(demo).refuse(SETTING, publishedKeys().stream()
                .anyMatch(published -> MessageDigest.isEqual(published, bytes)), "set a key of your own (ADR 36)");
        return new StatusPseudonyms(bytes);
    }

    /** The pseudonyms a service of the demo sends ({@code mental-health-agency}, ...): for tests that look for them. */
    public static StatusPseudonyms demo(String service) {
        Object key = demoSettings().getProperty(DEMO_KEYS + service);
        if (key == null) {
            throw new IllegalArgumentException("no demo pseudonym key of " + service);
        }
        return fromKey(String.valueOf(key), true);
    }

    public String client(String clientId) {
        return pseudonym("client", clientId);
    }

    public String trajectory(String trajectoryId) {
        return pseudonym("trajectory", trajectoryId);
    }

    private String pseudonym(String kind, String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] hash = mac.doFinal((kind + ":" + id).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, PSEUDONYM_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    private static List<byte[]> publishedKeys() {
        EnumerablePropertySource<?> demo = demoSettings();
        return Arrays.stream(demo.getPropertyNames()).filter(name -> name.startsWith(DEMO_KEYS))
                .map(name -> Base64.getDecoder().decode(String.valueOf(demo.getProperty(name)).strip())).toList();
    }

    private static EnumerablePropertySource<?> demoSettings() {
        try {
            return (EnumerablePropertySource<?>) new YamlPropertySourceLoader()
                    .load("ips-platform-demo", new ClassPathResource(DEMO_FILE)).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "StatusPseudonyms"; // never the key
    }
}
