package nl.ipsexchange.mha.command.trajectory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import nl.ipsexchange.kernel.RuleViolationException;

/**
 * The agency's IPS teams and their specialists (section 2: each trajectory belongs to one team; fidelity is reviewed
 * per team), and the provider's own organisation, against which a fidelity reviewer's independence is judged. The
 * agency's configuration ({@value #PROPERTIES}); a trajectory stored before trajectories named a team belongs to the
 * default team (ADR 0045).
 */
public final class IpsTeams {

    /** The settings' prefix. */
    public static final String PROPERTIES = "ips.teams";

    private final String providerOrganisation;
    private final String defaultTeam;
    private final Map<String, Team> teams = new LinkedHashMap<>();

    /** A team: its name and the user names of its IPS specialists. */
    public record Team(String name, List<String> specialists) {

        public Team {
            Objects.requireNonNull(name, "name");
            specialists = specialists == null ? List.of() : List.copyOf(specialists);
        }

        public boolean hasSpecialist(String specialist) {
            return specialists.contains(specialist);
        }
    }

    /** The settings as bound: {@code provider-organisation}, {@code default-team}, {@code list}. */
    public record Settings(String providerOrganisation, String defaultTeam, List<Team> list) {
    }

    public IpsTeams(Settings settings) {
        if (settings.providerOrganisation() == null || settings.providerOrganisation().isBlank()) {
            throw new IllegalStateException(PROPERTIES + ".provider-organisation: is required");
        }
        if (settings.list() == null || settings.list().isEmpty()) {
            throw new IllegalStateException(PROPERTIES + ".list: at least one team is required");
        }
        settings.list().forEach(team -> teams.put(team.name(), team));
        if (!teams.containsKey(settings.defaultTeam())) {
            throw new IllegalStateException(PROPERTIES + ".default-team: must be one of " + teams.keySet());
        }
        this.providerOrganisation = settings.providerOrganisation();
        this.defaultTeam = settings.defaultTeam();
    }

    public String providerOrganisation() {
        return providerOrganisation;
    }

    /** The teams, in the configured order. */
    public List<Team> teams() {
        return List.copyOf(teams.values());
    }

    public Optional<Team> team(String name) {
        return Optional.ofNullable(name == null ? null : teams.get(name.strip()));
    }

    /** The team a trajectory belongs to: the one it names, or the default team for one stored before it named any. */
    public String teamOf(String stored) {
        return stored == null ? defaultTeam : stored;
    }

    /**
     * The team a referral names: required when the agency has more than one; with exactly one, that one.
     *
     * @throws RuleViolationException naming {@code team} when it is missing or unknown
     */
    public Team chosen(String requested) {
        return named(requested).orElseThrow(() -> RuleViolationException.invalid(
                requested == null || requested.isBlank() ? "team: is required (one of " + teams.keySet() + ")"
                        : "team: " + requested.strip() + " is not one of the agency's IPS teams " + teams.keySet()));
    }

    /** The team a referral names, or the agency's only team when it names none; empty when neither. */
    public Optional<Team> named(String requested) {
        if (requested == null || requested.isBlank()) {
            return teams.size() == 1 ? Optional.of(teams.values().iterator().next()) : Optional.empty();
        }
        return team(requested);
    }

    /**
     * The specialist to assign in a team: null stays unassigned; anyone else must be one of the team's specialists.
     *
     * @throws RuleViolationException naming {@code specialist} when they are not
     */
    public String specialistIn(Team team, String specialist) {
        if (specialist == null || specialist.isBlank()) {
            return null;
        }
        if (!team.hasSpecialist(specialist.strip())) {
            throw RuleViolationException.invalid("specialist: " + specialist.strip() + " is not an IPS specialist of "
                    + team.name());
        }
        return specialist.strip();
    }
}
