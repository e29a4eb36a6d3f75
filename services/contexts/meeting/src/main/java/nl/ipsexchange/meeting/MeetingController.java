package nl.ipsexchange.meeting;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import nl.ipsexchange.meeting.command.DecisionKind;
import nl.ipsexchange.meeting.command.MeetingCommands.RecordMeetingDecisionCommand;
import nl.ipsexchange.platform.IpsProperties;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.meeting.MeetingAgenda;
import nl.ipsexchange.platform.security.CurrentUser;

/** The practitioner meeting through the API: the agenda as this agency and role may see it, and its decisions. */
@RestController
@Tag(name = "practitioner meeting", description = "The 6-weekly practitioner meeting: agenda and decisions")
public class MeetingController {

    private final MeetingAgenda agenda;
    private final MeetingDecisions decisions;
    private final CommandGateway commands;
    private final IpsProperties properties;

    public MeetingController(MeetingAgenda agenda, MeetingDecisions decisions, CommandGateway commands,
                             IpsProperties properties) {
        this.agenda = agenda;
        this.decisions = decisions;
        this.commands = commands;
        this.properties = properties;
    }

    /** The next meeting: its date, agenda and the decisions recorded so far. */
    public record Meeting(LocalDate date, List<MeetingAgenda.Section> agenda,
                          List<MeetingDecisions.Decision> decisions) {
    }

    /** Named apart in the OpenAPI document from the mental health agency's decision on an information request. */
    @Schema(name = "MeetingDecisionRequest")
    public record DecisionRequest(
            @NotBlank(message = "is required") @Size(max = 64, message = "must be at most 64 characters")
            String caseRef,
            @NotNull(message = "is required (FUNDING_QUALIFICATION or ACTION)") DecisionKind kind,
            Boolean qualifies,
            @Size(max = 500, message = "must be at most 500 characters") String action,
            @Size(max = 100, message = "must be at most 100 characters") String owner,
            LocalDate due,
            @Size(max = 500, message = "must be at most 500 characters") String note) {
    }

    public record DecisionRecorded(String decisionId) {
    }

    @GetMapping("/api/meetings/next")
    @Practitioners
    @Operation(summary = "The next practitioner meeting with its agenda, as this agency and role may see it")
    public Meeting next() {
        LocalDate date = decisions.nextMeeting();
        AccessRecorder.Actor viewer = CurrentUser.actor();
        return new Meeting(date, agenda.sections(viewer, CurrentUser.role()), decisions.of(date, viewer));
    }

    @PostMapping("/api/meetings/{date}/decisions")
    @Practitioners
    @Operation(summary = "Record a decision of the meeting: a funding qualification or an action with an owner")
    public ResponseEntity<DecisionRecorded> decide(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                                   LocalDate date, @Valid @RequestBody DecisionRequest request) {
        String decisionId = record(date, request);
        return ResponseEntity.created(URI.create("/api/meetings/" + date + "/decisions/" + decisionId))
                .body(new DecisionRecorded(decisionId));
    }

    String record(LocalDate date, DecisionRequest request) {
        String decisionId = UUID.randomUUID().toString();
        commands.sendAndWait(new RecordMeetingDecisionCommand(properties.getService().getName() + ":" + date, date,
                decisionId, request.caseRef(), request.kind(), request.qualifies(), request.action(),
                request.owner(), request.due(), request.note(), CurrentUser.actor().userId()));
        return decisionId;
    }
}
