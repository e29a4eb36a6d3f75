package nl.ipsexchange.infra.embedded;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import nl.ipsexchange.kernel.KafkaAccess;

/**
 * What the administrator grants on a broker (the embedded one, the tests' container): each service its SCRAM user and
 * exactly the ACLs of {@link KafkaAccess#SERVICES} (ADR 34).
 */
public final class KafkaGrants {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KafkaGrants() {
    }

    static UserScramCredentialAlteration upsert(String user, String password) {
        return new UserScramCredentialUpsertion(user,
                new ScramCredentialInfo(ScramMechanism.fromMechanismName(KafkaAccess.MECHANISM), 8192), password);
    }

    /**
     * Gives every service its SCRAM user with its password from {@code passwords}, and exactly the ACLs of
     * {@link KafkaAccess#SERVICES}: a service's ACL the matrix no longer holds is removed. Run as the administrator;
     * run again, it gives the same result.
     */
    public static void grant(Admin admin, Map<String, String> passwords)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<AclBinding> wanted = aclBindings();
        admin.alterUserScramCredentials(KafkaAccess.users().stream()
                .map(user -> upsert(user, passwords.get(user))).toList()).all().get(30, TimeUnit.SECONDS);
        Set<String> principals = KafkaAccess.users().stream().map(KafkaGrants::principal).collect(Collectors.toSet());
        List<AclBindingFilter> stale = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS)
                .stream()
                .filter(binding -> principals.contains(binding.entry().principal()) && !wanted.contains(binding))
                .map(AclBinding::toFilter)
                .toList();
        if (!stale.isEmpty()) {
            admin.deleteAcls(stale).all().get(30, TimeUnit.SECONDS);
        }
        admin.createAcls(wanted).all().get(30, TimeUnit.SECONDS);
    }

    /** The ACLs of {@link KafkaAccess#SERVICES}: write and read per topic, and the consumer groups by prefix. */
    static List<AclBinding> aclBindings() {
        List<AclBinding> bindings = new ArrayList<>();
        for (KafkaAccess access : KafkaAccess.SERVICES) {
            for (String topic : access.writes()) {
                bindings.add(allow(access, new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                        AclOperation.WRITE));
            }
            for (String topic : access.reads()) {
                bindings.add(allow(access, new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                        AclOperation.READ));
            }
            bindings.add(allow(access, new ResourcePattern(ResourceType.GROUP, access.groupPrefix(),
                    PatternType.PREFIXED), AclOperation.READ));
        }
        return bindings;
    }

    private static AclBinding allow(KafkaAccess access, ResourcePattern resource, AclOperation operation) {
        return new AclBinding(resource,
                new AccessControlEntry(principal(access.user()), "*", operation, AclPermissionType.ALLOW));
    }

    private static String principal(String user) {
        return "User:" + user;
    }

    /** 128 random bits in hexadecimal: nothing a JAAS entry or the format's SCRAM argument would have to escape. */
    public static String newPassword() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
