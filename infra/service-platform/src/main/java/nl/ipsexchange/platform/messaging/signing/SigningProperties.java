package nl.ipsexchange.platform.messaging.signing;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The signing keys ({@code ips.signing.*}, from the environment: see {@code ips-platform.yml}). Keys are base64 DER:
 * a private key as PKCS#8, a public key as X.509 SubjectPublicKeyInfo ({@code openssl genpkey -algorithm ed25519}).
 */
@ConfigurationProperties(prefix = "ips.signing")
public class SigningProperties {

    /** The id under which every service knows this service's public key ({@code IPS_SIGNING_KEY_ID}). */
    private String keyId;
    /** This service's Ed25519 private key ({@code IPS_SIGNING_KEY}). */
    private String privateKey;
    /**
     * Every public key this service trusts, as {@code keyId=IDENTITY:base64}, IDENTITY an agency's code or
     * {@code AUDIT} ({@code IPS_SIGNING_PUBLIC_KEYS}, comma-separated): all agencies' current keys, and during a
     * rotation their next ones too.
     */
    private List<String> publicKeys = new ArrayList<>();

    public String getKeyId() {
        return keyId;
    }

    public void setKeyId(String keyId) {
        this.keyId = keyId;
    }

    public String getPrivateKey() {
        return privateKey;
    }

    public void setPrivateKey(String privateKey) {
        this.privateKey = privateKey;
    }

    public List<String> getPublicKeys() {
        return publicKeys;
    }

    public void setPublicKeys(List<String> publicKeys) {
        this.publicKeys = publicKeys;
    }
}
