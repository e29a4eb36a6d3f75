package nl.ipsexchange.platform.messaging.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import nl.ipsexchange.kernel.Agency;

/**
 * The published demo keys of {@value #FILE}: the platform loads that file under the demo profile only
 * ({@code PlatformDefaults}); here it is read to refuse those keys everywhere else, and to let tests sign as an agency
 * of a platform that runs the demo profile.
 */
public final class DemoSigningKeys {

    /** The demo's signing settings, on the class path of every service. */
    public static final String FILE = "ips-platform-demo.yml";

    private DemoSigningKeys() {
    }

    /** The demo's public keys, DER-encoded. */
    static List<byte[]> publishedPublicKeys() {
        return trusted().stream().map(key -> key.key().getEncoded()).toList();
    }

    /** Signs as the agency does in the demo ({@code demo-<service>}). */
    public static MessageSigner signer(Agency agency) {
        return signer(SigningKeys.identityOf(agency));
    }

    /** Signs as the identity ({@link SigningKeys#identityOf}) does in the demo. */
    public static MessageSigner signer(String identity) {
        MessageVerifier.TrustedKey key = trusted().stream().filter(trusted -> trusted.identity().equals(identity))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no demo key of " + identity));
        Object privateKey = source().getProperty("ips.signing.demo-private-keys." + key.keyId());
        return new MessageSigner(key.keyId(), identity, SigningKeys.privateKey(String.valueOf(privateKey)));
    }

    /** What a service of the demo trusts. */
    public static MessageVerifier verifier() {
        return new MessageVerifier(trusted());
    }

    private static List<MessageVerifier.TrustedKey> trusted() {
        PropertySource<?> demo = source();
        List<String> entries = new ArrayList<>();
        for (int i = 0; demo.getProperty("ips.signing.public-keys[" + i + "]") != null; i++) {
            entries.add(String.valueOf(demo.getProperty("ips.signing.public-keys[" + i + "]")));
        }
        return SigningKeys.trustedKeys(entries);
    }

    private static PropertySource<?> source() {
        try {
            return new YamlPropertySourceLoader().load("ips-platform-demo", new ClassPathResource(FILE)).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
