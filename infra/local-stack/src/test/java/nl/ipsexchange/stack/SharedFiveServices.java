package nl.ipsexchange.stack;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One set of the five services for every test class that asks for {@link FiveServices} in its constructor, started
 * once and stopped when the test run ends: a start costs about 20 seconds on a 2-core machine. Only for classes that
 * add clients of their own and look only at what concerns them; a class that restarts a service, needs settings of
 * its own, counts whole tables or tampers with a store starts five of its own ({@code new FiveServices()}).
 */
final class SharedFiveServices implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            SharedFiveServices.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FiveServices.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Running.class, type -> new Running(new FiveServices()), Running.class)
                .services();
    }

    /** Closed by JUnit after the last test of the run. */
    private record Running(FiveServices services) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            services.close();
        }
    }
}
