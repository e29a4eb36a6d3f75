package nl.ipsexchange.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.security.Role;

/** Settings every IPS Exchange service has, under {@code ips.*}. */
@ConfigurationProperties(prefix = "ips")
public class IpsProperties {

    private final Service service = new Service();
    private final Messaging messaging = new Messaging();
    private final Security security = new Security();

    public Service getService() {
        return service;
    }

    public Messaging getMessaging() {
        return messaging;
    }

    public Security getSecurity() {
        return security;
    }

    public static class Service {
        /** The service's name, e.g. {@code mental-health-agency}; also its Kafka consumer group. */
        private String name;
        /** The agency this service belongs to; empty for the independent audit service. */
        private Agency agency;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Agency getAgency() {
            return agency;
        }

        public void setAgency(Agency agency) {
            this.agency = agency;
        }
    }

    public static class Messaging {
        /** The topics this service consumes. */
        private List<String> subscriptions = new ArrayList<>();
        /**
         * Whether to create the platform's topics at start-up when they are missing; off: the infrastructure's
         * administrator creates them, and a service's Kafka user may not (ADR 34).
         */
        private boolean createTopics;

        public List<String> getSubscriptions() {
            return subscriptions;
        }

        public void setSubscriptions(List<String> subscriptions) {
            this.subscriptions = subscriptions;
        }

        public boolean isCreateTopics() {
            return createTopics;
        }

        public void setCreateTopics(boolean createTopics) {
            this.createTopics = createTopics;
        }
    }

    public static class Security {
        /** Demo users; allowed only when the {@code demo} profile is active. */
        private List<DemoUser> demoUsers = new ArrayList<>();
        /** When failed logins are throttled (ADR 35). */
        private final LoginThrottling loginThrottle = new LoginThrottling();

        public LoginThrottling getLoginThrottle() {
            return loginThrottle;
        }

        public List<DemoUser> getDemoUsers() {
            return demoUsers;
        }

        public void setDemoUsers(List<DemoUser> demoUsers) {
            this.demoUsers = demoUsers;
        }
    }

    /**
     * After {@code maxFailures} failed logins within {@code window} for one account or from one address, its logins
     * are refused for {@code firstBlock}, each further block in a row twice as long up to {@code maxBlock}; a
     * record of failures is forgotten {@code forgetAfter} after the last one.
     */
    public static class LoginThrottling {
        private int maxFailures = 10;
        private Duration window = Duration.ofMinutes(15);
        private Duration firstBlock = Duration.ofMinutes(1);
        private Duration maxBlock = Duration.ofMinutes(15);
        private Duration forgetAfter = Duration.ofHours(24);

        public int getMaxFailures() {
            return maxFailures;
        }

        public void setMaxFailures(int maxFailures) {
            this.maxFailures = maxFailures;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }

        public Duration getFirstBlock() {
            return firstBlock;
        }

        public void setFirstBlock(Duration firstBlock) {
            this.firstBlock = firstBlock;
        }

        public Duration getMaxBlock() {
            return maxBlock;
        }

        public void setMaxBlock(Duration maxBlock) {
            this.maxBlock = maxBlock;
        }

        public Duration getForgetAfter() {
            return forgetAfter;
        }

        public void setForgetAfter(Duration forgetAfter) {
            this.forgetAfter = forgetAfter;
        }
    }

    /** A demo user: name, role and a password hash (never a plain password). */
    public static class DemoUser {
        private String username;
        private Role role;
        private String passwordHash;

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public Role getRole() {
            return role;
        }

        public void setRole(Role role) {
            this.role = role;
        }

        public String getPasswordHash() {
            return passwordHash;
        }

        public void setPasswordHash(String passwordHash) {
            this.passwordHash = passwordHash;
        }
    }
}
