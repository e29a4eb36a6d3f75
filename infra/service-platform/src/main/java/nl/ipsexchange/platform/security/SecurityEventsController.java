package nl.ipsexchange.platform.security;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The administrator's view of what happened at the door of this service (ADR 35). */
@RestController
@Tag(name = "administration", description = "Failed and throttled logins at this service")
public class SecurityEventsController {

    private final SecurityEvents events;

    public SecurityEventsController(SecurityEvents events) {
        this.events = events;
    }

    @GetMapping("/api/admin/security-events")
    @Administrators
    @Operation(summary = "The newest " + SecurityEvents.RECENT + " failed or throttled logins, newest first: user "
            + "name as typed, source address, API or login form; never a password")
    public List<SecurityEvents.Event> recent() {
        return events.recent();
    }
}
