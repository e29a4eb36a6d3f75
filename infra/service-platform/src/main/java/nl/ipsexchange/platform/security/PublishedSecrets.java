package nl.ipsexchange.platform.security;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The one rule for every secret a service takes from configuration (keys, passwords): a value published in the
 * source (a demo default, a former default) protects nothing, so it is accepted only under the demo profile. A
 * refusal stops the start and names the setting, never the value.
 */
public final class PublishedSecrets {

    private final boolean demo;

    public PublishedSecrets(boolean demo) {
        this.demo = demo;
    }

    /** The rule for the service the environment configures: demo values allowed only when the demo profile is on. */
    public static PublishedSecrets of(Environment environment) {
        return new PublishedSecrets(environment.acceptsProfiles(Profiles.of(SecurityConfiguration.DEMO_PROFILE)));
    }

    /** Whether the demo profile is on (only then may a secret have a default). */
    public boolean demo() {
        return demo;
    }

    /**
     * Refuses a published value outside the demo profile.
     *
     * @param setting   the setting as an operator sets it, e.g. {@code ips.crypto.kek (IPS_KEK)}
     * @param published whether the value configured is a published one
     * @param remedy    what the operator does instead, e.g. "generate keys of your own (ADR 31)"
     * @throws IllegalStateException naming the setting
     */
    public void refuse(String setting, boolean published, String remedy) {
        if (published && !demo) {
            throw new IllegalStateException(setting + " holds a value published in the source, allowed only under the "
                    + "demo profile: " + remedy);
        }
    }
}
