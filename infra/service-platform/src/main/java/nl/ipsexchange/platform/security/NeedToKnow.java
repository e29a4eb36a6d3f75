package nl.ipsexchange.platform.security;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.security.Role;

/**
 * Need to know inside an agency: which roles may see which health categories ({@code ips.need-to-know.health}).
 * Default deny: a role that is not listed sees no health data. Other categories are not restricted by role here.
 */
@ConfigurationProperties(prefix = "ips.need-to-know")
public class NeedToKnow {

    private Map<Role, Set<DataCategory>> health = new EnumMap<>(Role.class);

    public Map<Role, Set<DataCategory>> getHealth() {
        return health;
    }

    public void setHealth(Map<Role, Set<DataCategory>> health) {
        for (Set<DataCategory> categories : health.values()) {
            for (DataCategory category : categories) {
                if (!category.isHealthData()) {
                    throw new IllegalArgumentException(category + " is not a health category");
                }
            }
        }
        this.health = health;
    }

    public boolean mayRead(Role role, DataCategory category) {
        return !category.isHealthData() || (role != null && health.getOrDefault(role, Set.of()).contains(category));
    }

    public Set<DataCategory> healthCategoriesFor(Role role) {
        Set<DataCategory> allowed = EnumSet.noneOf(DataCategory.class);
        allowed.addAll(health.getOrDefault(role, Set.of()));
        return allowed;
    }
}
