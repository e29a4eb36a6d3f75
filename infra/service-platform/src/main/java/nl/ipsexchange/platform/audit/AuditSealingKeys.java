package nl.ipsexchange.platform.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import nl.ipsexchange.kernel.messaging.MalformedMessageException;
import nl.ipsexchange.kernel.messaging.sealing.AuditSealing;
import nl.ipsexchange.kernel.messaging.sealing.KeyExchange;
import nl.ipsexchange.platform.security.PublishedSecrets;

/**
 * The keys that seal access records for the audit service alone (ADR 37), read from {@link AuditSealingProperties}
 * and checked before the service starts, in this one place: an agency that sends access records needs the audit
 * service's public key, the audit service needs its private keys (the current one and older ones, for records sealed
 * before a rotation). Outside the {@code demo} profile a missing key, or the published demo key ({@value #DEMO_FILE}),
 * refuses the start: anyone who has read this repository could open records sealed for it. Errors name the setting,
 * never a key.
 */
public final class AuditSealingKeys {

    static final String PUBLIC_KEY = "ips.audit-sealing.public-key (IPS_AUDIT_SEALING_PUBLIC_KEY)";
    static final String PRIVATE_KEYS = "ips.audit-sealing.private-keys (IPS_AUDIT_SEALING_PRIVATE_KEYS or "
            + "IPS_AUDIT_SEALING_PRIVATE_KEYS_FILE)";
    /** Where the demo's keys are published; the platform loads it under the demo profile only. */
    static final String DEMO_FILE = "ips-platform-demo.yml";

    private static final String CURVE = "X25519";
    private static final Pattern KEY_ID_FORMAT = Pattern.compile("[A-Za-z0-9._:@/+-]{1,100}");

    private final AuditSealing.AuditKey sealingKey;
    private final Map<String, String> privateKeys;

    private AuditSealingKeys(AuditSealing.AuditKey sealingKey, Map<String, String> privateKeys) {
        this.sealingKey = sealingKey;
        this.privateKeys = Map.copyOf(privateKeys);
    }

    /**
     * @param seals whether this service sends access records (an agency): it needs the public key
     * @param opens whether this service reads {@code ips.audit} (the audit service): it needs its private keys
     * @param demo  whether the demo profile is active (only then is the published demo key accepted)
     * @throws IllegalStateException naming the setting that is missing or wrong
     */
    public static AuditSealingKeys from(AuditSealingProperties settings, boolean seals, boolean opens, boolean demo) {
        AuditSealing.AuditKey sealingKey = null;
        if (settings.getPublicKey() != null && !settings.getPublicKey().isBlank()) {
            Entry entry = entry(settings.getPublicKey().trim(), PUBLIC_KEY);
            decode(entry.key(), true, PUBLIC_KEY + " (" + entry.keyId() + ")");
            sealingKey = new AuditSealing.AuditKey(entry.keyId(), entry.key());
        } else if (seals) {
            throw new IllegalStateException(PUBLIC_KEY + " is not set: every agency seals its access records for the "
                    + "audit service's key (ADR 37)");
        }
        Map<String, String> privateKeys = new LinkedHashMap<>();
        if (opens) {
            for (Entry entry : privateEntries(settings)) {
                decode(entry.key(), false, PRIVATE_KEYS + " (" + entry.keyId() + ")");
                if (privateKeys.put(entry.keyId(), entry.key()) != null) {
                    throw new IllegalStateException(PRIVATE_KEYS + ": key id " + entry.keyId() + " is given twice");
                }
            }
            if (privateKeys.isEmpty()) {
                throw new IllegalStateException(PRIVATE_KEYS + " is not set: the audit service opens the access "
                        + "records sealed for its key (ADR 37)");
            }
            if (sealingKey != null) {
                requirePair(sealingKey, privateKeys);
            }
        }
        if (!demo) {
            PublishedSecrets secrets = new PublishedSecrets(false);
            Demo published = Demo.keys();
            secrets.refuse(PUBLIC_KEY, seals && sealingKey != null
                    && sameKey(sealingKey.publicKey(), published.publicKey(), true),
                    "generate a key pair of the audit service's own (ADR 37)");
            for (Map.Entry<String, String> key : privateKeys.entrySet()) {
                secrets.refuse(PRIVATE_KEYS + " (" + key.getKey() + ")",
                        sameKey(key.getValue(), published.privateKey(), false),
                        "generate a key pair of your own (ADR 37)");
            }
        }
        return new AuditSealingKeys(sealingKey, privateKeys);
    }

    /** The demo's keys, both halves: for tests that read {@code ips.audit} of a platform that runs the demo profile. */
    public static AuditSealingKeys demo() {
        Demo published = Demo.keys();
        return new AuditSealingKeys(new AuditSealing.AuditKey(Demo.KEY_ID, published.publicKey()),
                Map.of(Demo.KEY_ID, published.privateKey()));
    }

    /** The key access records are sealed for; empty in a service that sends none. */
    public Optional<AuditSealing.AuditKey> sealingKey() {
        return Optional.ofNullable(sealingKey);
    }

    /** The private key (base64 PKCS#8) held under that id; empty when this service holds none by that id. */
    public Optional<String> privateKey(String keyId) {
        return Optional.ofNullable(privateKeys.get(keyId));
    }

    /** Whether this service opens sealed access records. */
    public boolean opens() {
        return !privateKeys.isEmpty();
    }

    private record Entry(String keyId, String key) {
    }

    private static List<Entry> privateEntries(AuditSealingProperties settings) {
        List<String> all = new ArrayList<>();
        for (String setting : settings.getPrivateKeys() == null ? List.<String>of() : settings.getPrivateKeys()) {
            all.addAll(Arrays.asList(setting.split("[,\\s]+")));
        }
        if (settings.getPrivateKeysFile() != null && !settings.getPrivateKeysFile().isBlank()) {
            try {
                for (String line : Files.readAllLines(Path.of(settings.getPrivateKeysFile().trim()),
                        StandardCharsets.US_ASCII)) {
                    if (!line.strip().startsWith("#")) {
                        all.addAll(Arrays.asList(line.split("[,\\s]+")));
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                throw new IllegalStateException(PRIVATE_KEYS + ": the file cannot be read");
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (String part : all) {
            if (!part.isBlank()) {
                entries.add(entry(part.trim(), PRIVATE_KEYS + " entry " + (entries.size() + 1)));
            }
        }
        return entries;
    }

    private static Entry entry(String text, String where) {
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new IllegalStateException(where + " is not keyId=base64");
        }
        String keyId = text.substring(0, equals);
        if (!KEY_ID_FORMAT.matcher(keyId).matches()) {
            throw new IllegalStateException(where + " has a key id that is not 1..100 of A-Z a-z 0-9 . _ : @ / + -");
        }
        return new Entry(keyId, text.substring(equals + 1).trim());
    }

    private static byte[] decode(String base64, boolean publicKey, String setting) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            KeyFactory keys = KeyFactory.getInstance(CURVE);
            if (publicKey) {
                keys.generatePublic(new X509EncodedKeySpec(bytes));
            } else {
                keys.generatePrivate(new PKCS8EncodedKeySpec(bytes));
            }
            return bytes;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not a base64 " + (publicKey ? "X.509" : "PKCS#8") + " "
                    + CURVE + " " + (publicKey ? "public" : "private") + " key");
        }
    }

    /** Where a service holds both halves (the demo), the public key must be the one its private key opens for. */
    private static void requirePair(AuditSealing.AuditKey sealingKey, Map<String, String> privateKeys) {
        String privateKey = privateKeys.get(sealingKey.keyId());
        if (privateKey == null) {
            throw new IllegalStateException(PRIVATE_KEYS + " has no key " + sealingKey.keyId() + ", the id in "
                    + PUBLIC_KEY);
        }
        KeyExchange.Context probe = new KeyExchange.Context(new byte[] {1}, new byte[] {2}, new byte[] {3});
        try {
            KeyExchange.open(privateKey, probe, KeyExchange.seal(sealingKey.publicKey(), probe, new byte[] {4}));
        } catch (MalformedMessageException mismatch) {
            throw new IllegalStateException(PRIVATE_KEYS + " (" + sealingKey.keyId() + ") is not the private half of "
                    + PUBLIC_KEY);
        }
    }

    private static boolean sameKey(String base64, String other, boolean publicKey) {
        return Arrays.equals(decode(base64, publicKey, "a key"), decode(other, publicKey, "the demo key"));
    }

    /** The demo's published key pair, read from {@value #DEMO_FILE}. */
    private record Demo(String publicKey, String privateKey) {

        static final String KEY_ID = "demo-audit-records";

        static Demo keys() {
            try {
                PropertySource<?> demo = new YamlPropertySourceLoader()
                        .load("ips-platform-demo", new ClassPathResource(DEMO_FILE)).get(0);
                return new Demo(String.valueOf(demo.getProperty("ips.audit-sealing.demo.public-key")),
                        String.valueOf(demo.getProperty("ips.audit-sealing.demo.private-key")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
