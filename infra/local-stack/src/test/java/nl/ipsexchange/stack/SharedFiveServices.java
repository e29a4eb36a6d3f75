package nl.ipsexchange.stack;

import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One set of the five services for every test class that asks for {@link FiveServices} in its constructor, started
 * once: a start costs about 20 seconds on a 2-core machine. Only for classes that add clients of their own and look
 * only at what concerns them; a class that restarts a service, needs settings of its own, counts whole tables or
 * tampers with a store starts five of its own ({@code new FiveServices()}).
 * <p>
 * Two sets must never run at once: they share the broker, each reads the other's inboxes, and the wrong set's mental
 * health agency refuses a transit key the right one grants. So the shared set stops when a class starts its own, and
 * {@link First} runs the classes that share it before the others.
 */
final class SharedFiveServices implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            SharedFiveServices.class);

    private static FiveServices shared;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FiveServices.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(StopAtTheEnd.class, type -> new StopAtTheEnd(),
                StopAtTheEnd.class);
        return shared();
    }

    private static synchronized FiveServices shared() {
        if (shared == null) {
            shared = new FiveServices();
        }
        return shared;
    }

    /** Stops the shared set, if it runs: before a class starts a set of its own, and at the end of the run. */
    static synchronized void stop() {
        if (shared != null) {
            FiveServices running = shared;
            shared = null;
            running.close();
        }
    }

    /** Closed by JUnit after the last test of the run. */
    private static final class StopAtTheEnd implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stop();
        }
    }

    /** The classes that share the set first (in the order given), then the rest: the set starts and stops once. */
    public static final class First implements ClassOrderer {
        @Override
        public void orderClasses(ClassOrdererContext context) {
            context.getClassDescriptors().sort(Comparator.comparing(First::startsItsOwn));
        }

        private static boolean startsItsOwn(ClassDescriptor descriptor) {
            return descriptor.findRepeatableAnnotations(ExtendWith.class).stream()
                    .flatMap(extension -> Stream.of(extension.value()))
                    .noneMatch(SharedFiveServices.class::equals);
        }
    }
}
