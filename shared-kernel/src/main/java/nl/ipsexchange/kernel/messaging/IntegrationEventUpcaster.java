package nl.ipsexchange.kernel.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns the JSON payload of one schema version of an integration event into the next version.
 * Upcasters are chained: a version-1 payload passes through 1-&gt;2, then 2-&gt;3, up to the current revision.
 */
public interface IntegrationEventUpcaster {

    String type();

    /** The version this upcaster reads; it produces {@code fromVersion() + 1}. */
    int fromVersion();

    ObjectNode upcast(ObjectNode payload);
}
