package nl.ipsexchange.faulttests;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The event types each processing group handles, read from the services' classes (every {@code @EventHandler} of every
 * class in the group): the payload types stored in the event store that its streaming processor passes.
 */
final class HandledTypes {

    private static Map<String, Set<String>> byGroup;

    private HandledTypes() {
    }

    static synchronized Set<String> of(String processingGroup) {
        if (byGroup == null) {
            byGroup = scan();
        }
        return byGroup.getOrDefault(processingGroup, Set.of());
    }

    private static Map<String, Set<String>> scan() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ProcessingGroup.class));
        Map<String, Set<String>> groups = new HashMap<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("nl.ipsexchange")) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), HandledTypes.class.getClassLoader());
            String group = type.getAnnotation(ProcessingGroup.class).value();
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(EventHandler.class) && method.getParameterCount() > 0) {
                    groups.computeIfAbsent(group, g -> new TreeSet<>()).add(method.getParameterTypes()[0].getName());
                }
            }
        }
        return groups;
    }
}
