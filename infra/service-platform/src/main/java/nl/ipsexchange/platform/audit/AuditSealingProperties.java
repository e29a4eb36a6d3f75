package nl.ipsexchange.platform.audit;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The audit service's X25519 key that access records are sealed for on {@code ips.audit} ({@code ips.audit-sealing.*},
 * from the environment: see {@code ips-platform.yml}; ADR 37). Entries are {@code keyId=base64}: a public key as X.509
 * SubjectPublicKeyInfo, a private key as PKCS#8 ({@code openssl genpkey -algorithm x25519}).
 */
@ConfigurationProperties(prefix = "ips.audit-sealing")
public class AuditSealingProperties {

    /** Every agency: the audit service's current public key, {@code keyId=base64} ({@code IPS_AUDIT_SEALING_PUBLIC_KEY}). */
    private String publicKey;
    /**
     * The audit service: its private keys, {@code keyId=base64}, comma-separated ({@code IPS_AUDIT_SEALING_PRIVATE_KEYS}):
     * the current one and every earlier one that records on the topic may still be sealed for.
     */
    private List<String> privateKeys = new ArrayList<>();
    /** The audit service: a file of private keys, one {@code keyId=base64} a line ({@code IPS_AUDIT_SEALING_PRIVATE_KEYS_FILE}). */
    private String privateKeysFile;

    public String getPublicKey() {
        return publicKey;
    }

    public void setPublicKey(String publicKey) {
        this.publicKey = publicKey;
    }

    public List<String> getPrivateKeys() {
        return privateKeys;
    }

    public void setPrivateKeys(List<String> privateKeys) {
        this.privateKeys = privateKeys;
    }

    public String getPrivateKeysFile() {
        return privateKeysFile;
    }

    public void setPrivateKeysFile(String privateKeysFile) {
        this.privateKeysFile = privateKeysFile;
    }
}
