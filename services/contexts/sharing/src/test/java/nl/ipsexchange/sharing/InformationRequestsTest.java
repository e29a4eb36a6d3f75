package nl.ipsexchange.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.gateway.DefaultEventGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import nl.ipsexchange.testsupport.MovableClock;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Outcome;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Reason;
import nl.ipsexchange.kernel.sharing.InformationRequestedEvent;
import nl.ipsexchange.platform.PlatformDatabase;
import nl.ipsexchange.platform.meeting.SharedWithThisAgency.RequestSent;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;
import nl.ipsexchange.platform.web.BadRequestException;
import nl.ipsexchange.sharing.InformationRequestController.InformationRequestBody;
import nl.ipsexchange.sharing.InformationRequestController.Requested;
import nl.ipsexchange.sharing.SentInformationRequests.SentRequest;

/**
 * An information request through its four parts on a real PostgreSQL: the controller keeps it as sent and stores
 * its event, the relay sends that event to the mental health agency's inbox, the answer handler records the answer,
 * and the store lists them for the API (newest first) and for a meeting agenda (oldest first).
 */
class InformationRequestsTest {

    private static final String CLIENT = "5b0c7a1e-2f4d-4c1b-9a7e-3d2f1c0b9a88";

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final List<Object> stored = new CopyOnWriteArrayList<>();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
    private JdbcTemplate jdbc;
    private SentInformationRequests sent;
    private InformationRequestController controller;

    @BeforeEach
    void aCaseworkerOfTheBenefitsAgency() {
        jdbc = new JdbcTemplate(PlatformDatabase.fresh("inforequests", SharingConfiguration.MIGRATIONS));
        sent = new SentInformationRequests(jdbc);
        SimpleEventBus bus = SimpleEventBus.builder().build();
        bus.subscribe(messages -> messages.forEach(message -> stored.add(message.getPayload())));
        controller = new InformationRequestController(sent, DefaultEventGateway.builder().eventBus(bus).build(),
                clock, Agency.BENEFITS);
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(
                "benefits.labour-expert", null, "ROLE_LABOUR_EXPERT"));
    }

    @AfterEach
    void loggedOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aRequestIsKeptAsSentAndStoredAsItsEvent() {
        ResponseEntity<Requested> answer = controller.request(new InformationRequestBody(UUID.fromString(CLIENT),
                Set.of(DataCategory.EMPLOYMENT, DataCategory.BENEFITS), Purpose.FUNDING_DECISION));

        String requestId = answer.getBody().requestId();
        assertThat(answer.getStatusCode().value()).isEqualTo(201);
        assertThat(answer.getHeaders().getLocation()).hasToString("/api/information-requests/" + requestId);
        assertThat(stored).containsExactly(new InformationRequestedEvent(requestId, CLIENT, Agency.BENEFITS,
                "benefits.labour-expert", "LABOUR_EXPERT", Set.of(DataCategory.BENEFITS, DataCategory.EMPLOYMENT),
                Purpose.FUNDING_DECISION, clock.instant()));
        assertThat(sentList()).containsExactly(new SentRequest(requestId, CLIENT,
                Set.of(DataCategory.BENEFITS, DataCategory.EMPLOYMENT), Purpose.FUNDING_DECISION,
                "benefits.labour-expert", clock.instant(), null, null, null));
        assertThat(jdbc.queryForObject("select categories from information_request_sent", String.class))
                .as("stored sorted, as before").isEqualTo("BENEFITS,EMPLOYMENT");
    }

    @Test
    void theSentListPagesNewestFirstAndItsNextLinksReachEveryRequestOnceAlsoAtOneInstant() {
        for (int i = 0; i < 5; i++) {
            request(Set.of(DataCategory.EMPLOYMENT));
            if (i % 2 == 1) {
                clock.set(clock.instant().plusSeconds(60));   // the others two at one instant: the id decides
            }
        }
        List<String> whole = sentList().stream().map(SentRequest::requestId).toList();
        assertThat(whole).hasSize(5).doesNotHaveDuplicates();

        List<String> walked = new ArrayList<>();
        UUID after = null;
        int pages = 0;
        while (true) {
            ResponseEntity<List<SentRequest>> page = controller.sent(after, 2);
            page.getBody().forEach(request -> walked.add(request.requestId()));
            pages++;
            String link = page.getHeaders().getFirst("Link");
            if (link == null) {
                break;
            }
            assertThat(link).startsWith("</api/information-requests?after=").endsWith("&limit=2>; rel=\"next\"");
            after = UUID.fromString(link.substring(link.indexOf("after=") + 6, link.indexOf('&')));
        }
        assertThat(walked).containsExactlyElementsOf(whole);
        assertThat(pages).isEqualTo(3);
        assertThatThrownBy(() -> controller.sent(UUID.randomUUID(), 2)).isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("after:");
    }

    @Test
    void theRelaySendsTheStoredEventToTheMentalHealthAgencysInbox() {
        IntegrationEventPublisher publisher = mock(IntegrationEventPublisher.class);
        InformationRequestedEvent requested = new InformationRequestedEvent("r-1", CLIENT, Agency.BENEFITS,
                "benefits.labour-expert", "LABOUR_EXPERT", Set.of(DataCategory.BENEFITS), Purpose.FUNDING_DECISION,
                clock.instant());
        String eventId = UUID.randomUUID().toString();

        new InformationRequestRelay(publisher, codec, Agency.BENEFITS).on(requested, eventId);

        ArgumentCaptor<EventEnvelope> envelope = ArgumentCaptor.forClass(EventEnvelope.class);
        verify(publisher).publish(eq(Agency.MENTAL_HEALTH.inboxTopic()), envelope.capture());
        assertThat(envelope.getValue().eventId())
                .isEqualTo(IntegrationEventPublisher.eventIdFor(eventId, Agency.MENTAL_HEALTH.inboxTopic()));
        assertThat(envelope.getValue().sourceAgency()).isEqualTo(Agency.BENEFITS);
        assertThat(envelope.getValue().consent()).as("a request carries no client data").isNull();
        assertThat(codec.payload(envelope.getValue())).isEqualTo(requested);
    }

    @Test
    void answersAreRecordedAndListedNewestFirstForTheApiAndOldestFirstForTheAgenda() {
        String first = request(Set.of(DataCategory.DIAGNOSIS));
        clock.set(clock.instant().plusSeconds(60));
        String second = request(Set.of(DataCategory.EMPLOYMENT, DataCategory.IDENTIFICATION));
        InformationRequestAnswers answers = new InformationRequestAnswers(sent);
        UUID answerId = UUID.randomUUID();

        answers.handle(new InformationRequestAnsweredEvent(first, CLIENT, Outcome.DENIED, Set.of(),
                Reason.HARMFUL_TO_THE_CLIENT), codec.wrap(answerId, Agency.MENTAL_HEALTH, clock.instant(), null,
                new InformationRequestAnsweredEvent(first, CLIENT, Outcome.DENIED, Set.of(),
                        Reason.HARMFUL_TO_THE_CLIENT)));

        assertThat(sentList()).extracting(SentRequest::requestId, SentRequest::outcome, SentRequest::reason)
                .containsExactly(tuple(second, null, null),
                        tuple(first, "DENIED", Reason.HARMFUL_TO_THE_CLIENT));
        assertThat(sentList().get(1).grantedCategories()).isEmpty();
        assertThat(jdbc.queryForObject("select last_event_id from information_request_sent where request_id = ?",
                String.class, first)).isEqualTo(answerId.toString());
        assertThat(new AgendaReads(mock(SharedClientReader.class), sent, mock(ConsentReplica.class), clock,
                Agency.BENEFITS).requestsSent()).containsExactly(
                new RequestSent(first, CLIENT, Set.of(DataCategory.DIAGNOSIS), Purpose.CASE_REVIEW, "DENIED",
                        Reason.HARMFUL_TO_THE_CLIENT),
                new RequestSent(second, CLIENT, Set.of(DataCategory.EMPLOYMENT, DataCategory.IDENTIFICATION),
                        Purpose.CASE_REVIEW, null, null));
    }

    private String request(Set<DataCategory> categories) {
        return controller.request(new InformationRequestBody(UUID.fromString(CLIENT), categories,
                Purpose.CASE_REVIEW)).getBody().requestId();
    }

    private List<SentRequest> sentList() {
        return controller.sent(null, InformationRequestController.PAGE).getBody();
    }
}
