package nl.ipsexchange.meeting.command;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.meeting.command.MeetingCommands.ReceiveMeetingDecisionCommand;
import nl.ipsexchange.meeting.command.MeetingCommands.RecordMeetingDecisionCommand;
import nl.ipsexchange.meeting.command.MeetingEvents.MeetingDecisionReceivedEvent;
import nl.ipsexchange.meeting.command.MeetingEvents.MeetingDecisionRecordedEvent;

class PractitionerMeetingTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 5);
    private static final String M = "municipality:2026-03-05";
    /** The agenda: an applicant, a participant already funded, and a question about a client. */
    private static final Map<String, CasesOnTheAgenda.Case> AGENDA = Map.of(
            "t-1", new CasesOnTheAgenda.Case("t-1", "c-1", "t-1", true),
            "t-2", new CasesOnTheAgenda.Case("t-2", "c-2", "t-2", false),
            "c-3", new CasesOnTheAgenda.Case("c-3", "c-3", null, false));
    private AggregateTestFixture<PractitionerMeeting> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PractitionerMeeting.class);
        fixture.registerInjectableResource((CasesOnTheAgenda) caseRef -> Optional.ofNullable(AGENDA.get(caseRef)));
    }

    private static RecordMeetingDecisionCommand qualification(String id, String caseRef, Boolean qualifies) {
        return new RecordMeetingDecisionCommand(M, DAY, id, caseRef, DecisionKind.FUNDING_QUALIFICATION, qualifies,
                null, null, null, null, "municipality.case-manager");
    }

    private static MeetingDecisionRecordedEvent qualified(String id) {
        return new MeetingDecisionRecordedEvent(M, DAY, id, "t-1", DecisionKind.FUNDING_QUALIFICATION, true, null,
                null, null, null, "municipality.case-manager", "c-1", "t-1");
    }

    @Test
    void aFundingQualificationOfAnApplicantIsRecordedWithItsClientAndApplication() {
        fixture.givenNoPriorActivity()
                .when(qualification("d-1", "t-1", true))
                .expectEvents(qualified("d-1"));
    }

    @Test
    void aQualificationNeedsAnAnswer() {
        fixture.givenNoPriorActivity()
                .when(qualification("d-1", "t-1", null))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void aDecisionAboutACaseNotOnTheAgendaIsRefusedAndNothingIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(new RecordMeetingDecisionCommand(M, DAY, "d-3", "t-9", DecisionKind.ACTION, null,
                        "ask about benefit rules", "J. de Boer", null, null, "x"))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("caseRef: this case is not on the meeting's agenda")
                .expectNoEvents();
    }

    @Test
    void aFundingQualificationOfACaseThatIsNoApplicantIsRefused() {
        fixture.givenNoPriorActivity()
                .when(qualification("d-4", "t-2", true))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(qualification("d-4", "c-3", false))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void anActionAboutAQuestionNamesTheClientAndNoApplication() {
        fixture.givenNoPriorActivity()
                .when(new RecordMeetingDecisionCommand(M, DAY, "d-5", " c-3 ", DecisionKind.ACTION, null,
                        " call the client ", "J. de Boer", DAY.plusDays(7), "private words", "x"))
                .expectEvents(new MeetingDecisionRecordedEvent(M, DAY, "d-5", "c-3", DecisionKind.ACTION, null,
                        "call the client", "J. de Boer", DAY.plusDays(7), "private words", "x", "c-3", null));
    }

    @Test
    void anActionNeedsAnOwnerAndADueDateNotBeforeTheMeeting() {
        fixture.givenNoPriorActivity()
                .when(new RecordMeetingDecisionCommand(M, DAY, "d-2", "t-1", DecisionKind.ACTION, null,
                        "ask about benefit rules", " ", null, null, "x"))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("owner: is required");
        fixture.givenNoPriorActivity()
                .when(new RecordMeetingDecisionCommand(M, DAY, "d-2", "t-1", DecisionKind.ACTION, null,
                        "ask about benefit rules", "J. de Boer", DAY.minusDays(1), null, "x"))
                .expectException(RuleViolationException.class);
    }

    @Test
    void theSameDecisionRecordedTwiceIsKeptOnce() {
        fixture.given(qualified("d-1"))
                .when(qualification("d-1", "t-1", true))
                .expectNoEvents();
    }

    @Test
    void aDecisionAnotherAgencyRecordedIsKeptOnceWithoutAskingThisAgenda() {
        String mha = "mental-health-agency:2026-03-05";
        ReceiveMeetingDecisionCommand received = new ReceiveMeetingDecisionCommand(mha, DAY, "d-7",
                Agency.MUNICIPALITY, "c-8", "t-8", "t-8", DecisionKind.FUNDING_QUALIFICATION, true, null, null, null,
                "municipality.case-manager");
        MeetingDecisionReceivedEvent kept = new MeetingDecisionReceivedEvent(mha, DAY, "d-7", Agency.MUNICIPALITY,
                "c-8", "t-8", "t-8", DecisionKind.FUNDING_QUALIFICATION, true, null, null, null,
                "municipality.case-manager");
        fixture.givenNoPriorActivity()
                .when(received)
                .expectEvents(kept);
        fixture.given(kept)
                .when(received)
                .expectNoEvents();
    }
}
