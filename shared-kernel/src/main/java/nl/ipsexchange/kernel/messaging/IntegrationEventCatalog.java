package nl.ipsexchange.kernel.messaging;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.audit.AccessRecordedEvent;
import nl.ipsexchange.kernel.consent.ConsentEndedEvent;
import nl.ipsexchange.kernel.consent.ConsentGrantedEvent;
import nl.ipsexchange.kernel.fidelity.FidelityReviewedEvent;
import nl.ipsexchange.kernel.funding.FundingApplicationSubmittedEvent;
import nl.ipsexchange.kernel.funding.FundingDecidedEvent;
import nl.ipsexchange.kernel.funding.IntakeHoursBilledEvent;
import nl.ipsexchange.kernel.funding.JobCoachingReportedEvent;
import nl.ipsexchange.kernel.funding.PaymentLineUpdatedEvent;
import nl.ipsexchange.kernel.funding.PlacementReportedEvent;
import nl.ipsexchange.kernel.funding.TrajectoryClosedReportedEvent;
import nl.ipsexchange.kernel.meeting.MeetingDecisionSharedEvent;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyGrantedEvent;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyRefusedEvent;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyRequestedEvent;
import nl.ipsexchange.kernel.sharing.ClientDataSharedEvent;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent;
import nl.ipsexchange.kernel.sharing.InformationRequestedEvent;
import nl.ipsexchange.kernel.status.ClientRegisteredStatusEvent;
import nl.ipsexchange.kernel.status.FundingStepStatusEvent;
import nl.ipsexchange.kernel.status.TrajectoryStepStatusEvent;

/**
 * Every integration event the platform knows, with its wire name, current schema version and upcasters.
 * Adding an event means adding its record to {@link #KNOWN_EVENTS}; changing its schema means raising its
 * {@code @Revision} and adding an upcaster from the previous version, tested against stored JSON of that version.
 */
public final class IntegrationEventCatalog {

    static final List<Class<? extends IntegrationEvent>> KNOWN_EVENTS = List.of(
            ClientRegisteredStatusEvent.class,
            ConsentGrantedEvent.class,
            ConsentEndedEvent.class,
            ClientDataSharedEvent.class,
            AccessRecordedEvent.class,
            FidelityReviewedEvent.class,
            FundingApplicationSubmittedEvent.class,
            PlacementReportedEvent.class,
            TrajectoryClosedReportedEvent.class,
            JobCoachingReportedEvent.class,
            IntakeHoursBilledEvent.class,
            TrajectoryStepStatusEvent.class,
            FundingStepStatusEvent.class,
            InformationRequestedEvent.class,
            InformationRequestAnsweredEvent.class,
            TransitKeyRequestedEvent.class,
            TransitKeyGrantedEvent.class,
            TransitKeyRefusedEvent.class,
            FundingDecidedEvent.class,
            PaymentLineUpdatedEvent.class,
            MeetingDecisionSharedEvent.class);

    static final List<IntegrationEventUpcaster> UPCASTERS = List.of(
            new ClientRegisteredStatusEvent.FromVersion1(),
            new TrajectoryStepStatusEvent.FromVersion1(),
            new TrajectoryStepStatusEvent.FromVersion2(),
            new FundingStepStatusEvent.FromVersion1(),
            new AccessRecordedEvent.FromVersion1(),
            new InformationRequestAnsweredEvent.FromVersion1(),
            new FundingApplicationSubmittedEvent.FromVersion1(),
            new FundingDecidedEvent.FromVersion1());

    private static final IntegrationEventCatalog DEFAULT = new IntegrationEventCatalog(KNOWN_EVENTS, UPCASTERS);

    private final Map<String, Class<? extends IntegrationEvent>> classesByType = new HashMap<>();
    private final Map<String, IntegrationEventUpcaster> upcasters = new HashMap<>();

    IntegrationEventCatalog(Collection<Class<? extends IntegrationEvent>> events,
                            Collection<IntegrationEventUpcaster> upcasterChain) {
        for (Class<? extends IntegrationEvent> event : events) {
            String type = typeOf(event);
            if (classesByType.put(type, event) != null) {
                throw new IllegalStateException("two integration events share the type name " + type);
            }
        }
        for (IntegrationEventUpcaster upcaster : upcasterChain) {
            upcasters.put(upcaster.type() + "@" + upcaster.fromVersion(), upcaster);
        }
    }

    public static IntegrationEventCatalog standard() {
        return DEFAULT;
    }

    public Optional<Class<? extends IntegrationEvent>> classOf(String type) {
        return Optional.ofNullable(classesByType.get(type));
    }

    Optional<IntegrationEventUpcaster> upcasterFrom(String type, int version) {
        return Optional.ofNullable(upcasters.get(type + "@" + version));
    }

    public static String typeOf(Class<? extends IntegrationEvent> event) {
        IntegrationEventType type = event.getAnnotation(IntegrationEventType.class);
        if (type == null) {
            throw new IllegalStateException(event.getName() + " lacks @IntegrationEventType");
        }
        return type.value();
    }

    public static int versionOf(Class<? extends IntegrationEvent> event) {
        Revision revision = event.getAnnotation(Revision.class);
        if (revision == null) {
            throw new IllegalStateException(event.getName() + " lacks @Revision");
        }
        return Integer.parseInt(revision.value());
    }
}
