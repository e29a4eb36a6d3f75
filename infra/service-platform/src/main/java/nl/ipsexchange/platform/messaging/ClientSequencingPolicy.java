package nl.ipsexchange.platform.messaging;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * The relay ({@code integration-publisher}) handles one client's events in the order they were stored, whichever
 * aggregate they come from: a consent (its own aggregate) is published before the trajectory step it permits (the
 * trajectory's aggregate), so the recipient, which checks every step against the consents it has received, already
 * has it. Axon's default sequences per aggregate only; a pooled processor then relays the events of different segments
 * round-robin, so after a backlog (the broker was down, the service restarted) a step could overtake its consent, be
 * refused on receipt and never be sent again.
 *
 * <p>The sequence is the payload's {@code clientId()} (the pseudonymous client id every event about a client carries,
 * the same key its Kafka records get); events about no client (a team's fidelity review) keep the per-aggregate order.
 */
public final class ClientSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    private final Map<Class<?>, Optional<Method>> clientIdAccessors = new ConcurrentHashMap<>();

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload = event.getPayload();
        Optional<Method> accessor = payload == null ? Optional.empty()
                : clientIdAccessors.computeIfAbsent(payload.getClass(), ClientSequencingPolicy::clientIdAccessor);
        if (accessor.isPresent()) {
            try {
                Object clientId = accessor.get().invoke(payload);
                if (clientId != null) {
                    return clientId.toString();
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read the client id of " + payload.getClass().getName(), e);
            }
        }
        return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }

    private static Optional<Method> clientIdAccessor(Class<?> type) {
        try {
            Method accessor = type.getMethod("clientId");
            return accessor.getParameterCount() == 0 && accessor.getReturnType() != void.class
                    ? Optional.of(accessor) : Optional.empty();
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }
}
