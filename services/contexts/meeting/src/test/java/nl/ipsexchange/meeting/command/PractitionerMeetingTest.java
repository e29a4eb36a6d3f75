package nl.ipsexchange.meeting.command;

import java.time.LocalDate;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.meeting.command.DecisionKind;
import nl.ipsexchange.meeting.command.MeetingEvents.MeetingDecisionRecordedEvent;
import nl.ipsexchange.meeting.command.MeetingCommands.RecordMeetingDecisionCommand;

class PractitionerMeetingTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 5);
    private static final String M = "municipality:2026-03-05";
    private AggregateTestFixture<PractitionerMeeting> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PractitionerMeeting.class);
    }

    private static RecordMeetingDecisionCommand qualification(String id, Boolean qualifies) {
        return new RecordMeetingDecisionCommand(M, DAY, id, "t-1", DecisionKind.FUNDING_QUALIFICATION, qualifies, null,
                null, null, null, "municipality.case-manager");
    }

    @Test
    void aFundingQualificationIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(qualification("d-1", true))
                .expectEvents(new MeetingDecisionRecordedEvent(M, DAY, "d-1", "t-1", DecisionKind.FUNDING_QUALIFICATION,
                        true, null, null, null, null, "municipality.case-manager"));
    }

    @Test
    void aQualificationNeedsAnAnswer() {
        fixture.givenNoPriorActivity()
                .when(qualification("d-1", null))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
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
        fixture.given(new MeetingDecisionRecordedEvent(M, DAY, "d-1", "t-1", DecisionKind.FUNDING_QUALIFICATION, true,
                        null, null, null, null, "municipality.case-manager"))
                .when(qualification("d-1", true))
                .expectNoEvents();
    }
}
