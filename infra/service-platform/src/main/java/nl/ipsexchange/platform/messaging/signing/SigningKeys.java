package nl.ipsexchange.platform.messaging.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.platform.security.PublishedSecrets;

/**
 * This service's signer and the keys it trusts, read from {@link SigningProperties} and checked before the service
 * starts: a service that cannot sign, or whose private key is not the one the others know it by, does not start; and
 * outside the {@code demo} profile neither does one with a published demo key ({@link DemoSigningKeys}), since anyone
 * who has read this repository could sign as it. Errors name the setting, never a key.
 */
public final class SigningKeys {

    /** Who the audit service signs as: it belongs to no agency. */
    public static final String AUDIT = "AUDIT";

    static final String KEY_ID = "ips.signing.key-id (IPS_SIGNING_KEY_ID)";
    static final String PRIVATE_KEY = "ips.signing.private-key (IPS_SIGNING_KEY)";
    static final String PUBLIC_KEYS = "ips.signing.public-keys (IPS_SIGNING_PUBLIC_KEYS)";

    private static final Pattern KEY_ID_FORMAT = Pattern.compile("[A-Za-z0-9._:@/+-]{1,100}");

    private final MessageSigner signer;
    private final MessageVerifier verifier;

    private SigningKeys(MessageSigner signer, MessageVerifier verifier) {
        this.signer = signer;
        this.verifier = verifier;
    }

    /** Who a service signs as: its agency's code, or {@link #AUDIT} for the audit service. */
    public static String identityOf(Agency agency) {
        return agency == null ? AUDIT : agency.name();
    }

    /**
     * @param identity who this service signs as ({@link #identityOf})
     * @param demo     whether the demo profile is active (only then are the published demo keys accepted)
     * @throws IllegalStateException naming the setting that is missing or wrong
     */
    public static SigningKeys from(SigningProperties settings, String identity, boolean demo) {
        String keyId = settings.getKeyId() == null ? "" : settings.getKeyId().trim();
        if (keyId.isEmpty()) {
            throw new IllegalStateException(KEY_ID + " is not set: every service signs what it sends with a key of "
                    + "its own (ADR 31)");
        }
        if (settings.getPrivateKey() == null || settings.getPrivateKey().isBlank()) {
            throw new IllegalStateException(PRIVATE_KEY + " is not set: every service signs what it sends with a key "
                    + "of its own (ADR 31)");
        }
        PrivateKey privateKey = privateKey(settings.getPrivateKey());
        List<MessageVerifier.TrustedKey> trusted = trustedKeys(settings.getPublicKeys());
        MessageVerifier verifier = new MessageVerifier(trusted);
        MessageVerifier.TrustedKey own = verifier.key(keyId).orElseThrow(() -> new IllegalStateException(
                PUBLIC_KEYS + " has no key " + printable(keyId) + ", the id in " + KEY_ID
                        + ": every service must know this service's public key"));
        if (!own.identity().equals(identity)) {
            throw new IllegalStateException(KEY_ID + " names a key of " + own.identity() + " in " + PUBLIC_KEYS
                    + ", but this service signs as " + identity);
        }
        MessageSigner signer = new MessageSigner(keyId, identity, privateKey);
        byte[] probe = ("key check of " + identity).getBytes(StandardCharsets.UTF_8);
        try {
            verifier.verify("ips.key-check", probe, signer.sign("ips.key-check", probe));
        } catch (RefusedMessageException mismatch) {
            throw new IllegalStateException(PRIVATE_KEY + " is not the private key of " + printable(keyId) + " in "
                    + PUBLIC_KEYS);
        }
        PublishedSecrets secrets = new PublishedSecrets(demo);
        List<byte[]> published = DemoSigningKeys.publishedPublicKeys();
        List<MessageVerifier.TrustedKey> ownFirst = new ArrayList<>(List.of(own));
        trusted.stream().filter(key -> key != own).forEach(ownFirst::add);
        for (MessageVerifier.TrustedKey key : ownFirst) {
            secrets.refuse(key == own ? PRIVATE_KEY : PUBLIC_KEYS + " (" + printable(key.keyId()) + ")",
                    published.stream().anyMatch(demoKey -> Arrays.equals(demoKey, key.key().getEncoded())),
                    "generate keys of your own (ADR 31)");
        }
        return new SigningKeys(signer, verifier);
    }

    public MessageSigner signer() {
        return signer;
    }

    public MessageVerifier verifier() {
        return verifier;
    }

    /** Parses entries {@code keyId=IDENTITY:base64}; one setting may hold several, separated by commas or spaces. */
    static List<MessageVerifier.TrustedKey> trustedKeys(List<String> entries) {
        Map<String, MessageVerifier.TrustedKey> keys = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        for (String entry : entries == null ? List.<String>of() : entries) {
            for (String part : entry.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    all.add(part.trim());
                }
            }
        }
        for (int i = 0; i < all.size(); i++) {
            String entry = all.get(i);
            int equals = entry.indexOf('=');
            int colon = entry.indexOf(':', equals + 1);
            String where = PUBLIC_KEYS + " entry " + (i + 1);
            if (equals <= 0 || colon < 0) {
                throw new IllegalStateException(where + " is not keyId=IDENTITY:base64");
            }
            String keyId = entry.substring(0, equals);
            String identity = entry.substring(equals + 1, colon);
            if (!KEY_ID_FORMAT.matcher(keyId).matches()) {
                throw new IllegalStateException(where + " has a key id that is not 1..100 of A-Z a-z 0-9 . _ : @ / + -");
            }
            if (!identity.equals(AUDIT) && Agency.fromCode(identity).isEmpty()) {
                throw new IllegalStateException(where + " (" + keyId + ") names " + printable(identity)
                        + ", which is neither an agency's code nor " + AUDIT);
            }
            if (keys.containsKey(keyId)) {
                throw new IllegalStateException(where + ": key id " + keyId + " is given twice");
            }
            keys.put(keyId, new MessageVerifier.TrustedKey(keyId, identity, publicKey(entry.substring(colon + 1),
                    where + " (" + keyId + ")")));
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException(PUBLIC_KEYS + " is not set: every service needs the public keys of the "
                    + "agencies it receives from (ADR 31)");
        }
        return List.copyOf(keys.values());
    }

    static PublicKey publicKey(String base64, String setting) {
        try {
            return KeyFactory.getInstance(MessageSigner.ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not a base64 X.509 Ed25519 public key");
        }
    }

    static PrivateKey privateKey(String base64) {
        try {
            return KeyFactory.getInstance(MessageSigner.ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(PRIVATE_KEY + " is not a base64 PKCS#8 Ed25519 private key");
        }
    }

    private static String printable(String text) {
        return KEY_ID_FORMAT.matcher(text).matches() ? text : "(an unreadable name)";
    }
}
