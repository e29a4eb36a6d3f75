package nl.ipsexchange.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Reads {@link OnTestInfrastructure}; the customizer's equality by service name is what lets classes share a context. */
public final class TestInfrastructureCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        OnTestInfrastructure service = TestContextAnnotationUtils.findMergedAnnotation(testClass,
                OnTestInfrastructure.class);
        return service == null ? null : new Customizer(service.value());
    }

    private record Customizer(String serviceName) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            Map<String, Object> properties = new LinkedHashMap<>();
            TestInfrastructure.get().register((name, value) -> properties.put(name, value.get()), serviceName);
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("test infrastructure of " + serviceName, properties));
        }
    }
}
