package nl.ipsexchange.platform.messaging;

import java.util.List;

/** A bean that brings several {@link IntegrationEventHandler}s at once. */
public interface IntegrationEventHandlerSet {

    List<IntegrationEventHandler<?>> handlers();
}
