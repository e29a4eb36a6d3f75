package nl.ipsexchange.platform.messaging;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer whose offset commits only move forward: a commit of a partition below what this consumer already
 * committed there is left out.
 *
 * <p>Why: the inbound reader is a batch listener whose container commits offsets every 200 ms (or 500 messages),
 * so the offsets of a poll can still be pending when the next poll fails. The error handler then commits the
 * messages before the failing one itself (they are done) and seeks to the failing one; afterwards the container
 * commits its pending, older offsets for the same partitions. Without this guard the group's committed offset went
 * back, and when no more messages came on such a partition it stayed behind its end for good (a consumer that has
 * read everything while its lag says otherwise; found by {@code InboundOffsetCommitsTest}). Going back never does
 * anything useful here: every message up to a committed offset has been handled.
 *
 * <p>Used on the consumer thread only, like the consumer itself.
 */
final class ForwardOnlyOffsetCommits implements InvocationHandler {

    private static final Logger log = LoggerFactory.getLogger(ForwardOnlyOffsetCommits.class);

    private final Consumer<?, ?> consumer;
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    private ForwardOnlyOffsetCommits(Consumer<?, ?> consumer) {
        this.consumer = consumer;
    }

    @SuppressWarnings("unchecked")
    static <K, V> Consumer<K, V> wrap(Consumer<K, V> consumer) {
        return (Consumer<K, V>) Proxy.newProxyInstance(ForwardOnlyOffsetCommits.class.getClassLoader(),
                new Class<?>[] {Consumer.class}, new ForwardOnlyOffsetCommits(consumer));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
        boolean commit = method.getName().equals("commitSync") || method.getName().equals("commitAsync");
        if (commit && arguments != null && arguments.length > 0 && arguments[0] instanceof Map<?, ?> offsets) {
            @SuppressWarnings("unchecked")
            Map<TopicPartition, OffsetAndMetadata> forward = forwardOnly((Map<TopicPartition, OffsetAndMetadata>) offsets);
            if (forward.isEmpty()) {
                if (arguments.length > 1 && arguments[1] instanceof OffsetCommitCallback callback) {
                    callback.onComplete(forward, null);
                }
                return null;
            }
            Object[] changed = arguments.clone();
            changed[0] = forward;
            Object result = call(method, changed);
            forward.forEach((partition, offset) -> committed.merge(partition, offset.offset(), Math::max));
            return result;
        }
        if (method.getName().equals("equals") && arguments != null && arguments.length == 1) {
            return proxy == arguments[0];
        }
        if (method.getName().equals("hashCode") && (arguments == null || arguments.length == 0)) {
            return System.identityHashCode(proxy);
        }
        return call(method, arguments);
    }

    private Map<TopicPartition, OffsetAndMetadata> forwardOnly(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, OffsetAndMetadata> forward = new LinkedHashMap<>();
        offsets.forEach((partition, offset) -> {
            Long already = committed.get(partition);
            if (already == null || offset.offset() >= already) {
                forward.put(partition, offset);
            } else {
                log.debug("left out a commit of {} at {}: {} was committed already", partition, offset.offset(),
                        already);
            }
        });
        return forward;
    }

    private Object call(Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(consumer, arguments);
        } catch (InvocationTargetException failure) {
            throw failure.getCause();
        }
    }
}
