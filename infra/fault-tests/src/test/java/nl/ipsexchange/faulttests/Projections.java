package nl.ipsexchange.faulttests;

import static nl.ipsexchange.stack.ServiceDefinition.AUDIT;
import static nl.ipsexchange.stack.ServiceDefinition.BENEFITS_AGENCY;
import static nl.ipsexchange.stack.ServiceDefinition.INSURER;
import static nl.ipsexchange.stack.ServiceDefinition.MENTAL_HEALTH_AGENCY;
import static nl.ipsexchange.stack.ServiceDefinition.MUNICIPALITY;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import nl.ipsexchange.faulttests.Scenario.Case;
import nl.ipsexchange.platform.crypto.StatusPseudonyms;
import nl.ipsexchange.stack.ServiceDefinition;

/**
 * What one scripted trajectory left in every service's projections, normalised: generated ids, names, citizen service
 * numbers and times left out, business fields kept, each fact counted. Two trajectories of the same variant must
 * leave the same, whether faults happened meanwhile or not. A fact missing is an effect lost; a fact counted once
 * more is an effect doubled.
 */
final class Projections {

    private static final List<ServiceDefinition> RECEIVERS = List.of(BENEFITS_AGENCY, MUNICIPALITY, INSURER);

    private final FaultStack stack;

    Projections(FaultStack stack) {
        this.stack = stack;
    }

    /** Fact -> how often it is there. */
    SortedMap<String, Integer> of(Case c) {
        SortedMap<String, Integer> facts = new TreeMap<>();
        String client = c.clientId;
        String trajectory = c.trajectoryId;

        // the mental health agency: its register, consents, trajectory, and the domain events behind them
        add(facts, "mha", MENTAL_HEALTH_AGENCY, """
                select 'client benefit=' || benefit || ' municipality=' || municipality || ' born=' || date_of_birth
                from client_register where client_id = ?""", client);
        add(facts, "mha", MENTAL_HEALTH_AGENCY, "select 'health ' || category from client_health where client_id = ?",
                client);
        add(facts, "mha", MENTAL_HEALTH_AGENCY, """
                select 'employment ' || job_preferences || ' disclosure=' || disclosure_to_employer
                from client_employment where client_id = ?""", client);
        add(facts, "mha", MENTAL_HEALTH_AGENCY, """
                select 'consent ' || effect || ' to=' || recipients || ' categories=' || categories
                    || ' purposes=' || purposes || ' ' || valid_from || '..' || valid_until
                    || ' ended=' || coalesce(end_reason, '-')
                from consent where client_id = ?""", client);
        add(facts, "mha", MENTAL_HEALTH_AGENCY, """
                select 'trajectory benefit=' || benefit || ' funder=' || coalesce(funder, '-')
                    || ' referred=' || referred_on || ' intakes=' || intake_sessions
                    || ' hours billed=' || intake_hours_billed || ' refusal=' || coalesce(funding_refusal, '-')
                    || ' first employer contact=' || coalesce(first_employer_contact::text, '-')
                    || ' closed=' || coalesce(closed_on::text, '-') || ' ' || coalesce(close_reason, '-')
                from trajectory where client_id = ?""", client);
        add(facts, "mha", MENTAL_HEALTH_AGENCY, """
                select 'placement ' || employer || ' ' || job_title || ' competitive=' || competitive
                    || ' hours=' || hours_per_week || ' wage=' || monthly_gross_wage || ' ' || start_date
                    || '..' || coalesce(end_date::text, '-')
                from trajectory_placement where trajectory_id = ?""", trajectory);
        add(facts, "mha", MENTAL_HEALTH_AGENCY, """
                select 'event ' || substring(payload_type from '[^.$]+$') from domain_event_entry
                where aggregate_identifier = ? or aggregate_identifier = ?
                   or aggregate_identifier in (select consent_id from consent where client_id = ?)""",
                client, trajectory, client);

        // every agency's de-identified status of the client (ips.status), under each sender's pseudonyms (ADR 36;
        // the services run the demo profile): the client's registration, the trajectory's steps at the mental health
        // agency and at each funder
        StatusPseudonyms mha = StatusPseudonyms.demo(MENTAL_HEALTH_AGENCY.name());
        String registered = mha.client(client);
        String steps = mha.trajectory(trajectory);
        String benefitsSteps = StatusPseudonyms.demo(BENEFITS_AGENCY.name()).trajectory(trajectory);
        String municipalSteps = StatusPseudonyms.demo(MUNICIPALITY.name()).trajectory(trajectory);
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            add(facts, service.name(), service, """
                    select 'status from ' || source_agency || ' ' || event_type
                        || coalesce(' ' || (payload ->> 'step'), '') || coalesce(' ' || (payload ->> 'type'), '')
                        || coalesce(' ' || (payload ->> 'amount'), '')
                    from status_event where subject in (?, ?, ?, ?)""", registered, steps, benefitsSteps,
                    municipalSteps);
            // and what the decision makers' measures read of it (ADR 25)
            add(facts, service.name(), service, """
                    select 'status step ' || event_type || ' ' || step || ' on=' || on_date
                        || ' competitive=' || competitive || coalesce(' ' || funder, '') || coalesce(' ' || amount, '')
                        || ' previous=' || coalesce(previous_on::text, '-')
                        || ' referred=' || coalesce(referred_on::text, '-')
                    from status_step where trajectory_id in (?, ?, ?)""", steps, benefitsSteps, municipalSteps);
            add(facts, service.name(), service, """
                    select 'status trajectory referred=' || coalesce(referred_on::text, '-')
                        || ' closed=' || coalesce(closed_on::text, '-')
                    from status_trajectory where trajectory_id = ?""", steps);
            add(facts, service.name(), service, """
                    select 'status in competitive work ' || started_on || '..' || coalesce(ended_on::text, '-')
                    from status_work_span where trajectory_id = ?""", steps);
        }

        // what the receivers hold: their part of the consents, the data shared, applications, payment lines
        for (ServiceDefinition receiver : RECEIVERS) {
            add(facts, receiver.name(), receiver, """
                    select 'consent replica ' || effect || ' categories=' || categories || ' purposes=' || purposes
                        || ' ' || valid_from || '..' || valid_until || ' ended=' || coalesce(end_reason, '-')
                    from consent_replica where client_id = ?""", client);
            add(facts, receiver.name(), receiver, """
                    select 'shared ' || category || ' for ' || purpose from shared_client_data where client_id = ?""",
                    client);
            add(facts, receiver.name(), receiver, """
                    select 'payment line ' || type || ' ' || amount || ' due ' || due_date || ' ' || status
                        || coalesce(' hours=' || hours, '')
                    from payment_line where client_id = ?""", client);
            if (receiver != INSURER) {
                add(facts, receiver.name(), receiver, """
                        select 'application ' || funder || ' ' || benefit || ' referred=' || referred_on || ' ' || status
                            || ' start=' || coalesce(start_date::text, '-') || ' reason=' || coalesce(reason, '-')
                        from funding_application where client_id = ?""", client);
                add(facts, receiver.name(), receiver, """
                        select 'event ' || substring(payload_type from '[^.$]+$') from domain_event_entry
                        where aggregate_identifier = ?""", trajectory);
            }
        }

        // the audit trail of the client
        add(facts, "audit", AUDIT, """
                select 'access ' || agency || ' ' || user_id || ' ' || coalesce(role, '-') || ' ' || action
                    || ' ' || categories || ' for ' || coalesce(purpose, '-')
                    || ' consent=' || (consent_id is not null) || ' ' || outcome || ' (' || coalesce(reason, '-')
                    || ') from ' || source_agency
                from access_record where client_id = ?""", client);
        return facts;
    }

    private void add(Map<String, Integer> facts, String where, ServiceDefinition service, String sql,
                     Object... parameters) {
        for (String fact : stack.column(service, sql, parameters)) {
            facts.merge(where + ": " + fact, 1, Integer::sum);
        }
    }

    /**
     * How {@code actual} differs from {@code expected}: facts missing (lost), facts there more often than expected
     * (doubled), and facts the expected run does not have at all (a different outcome, e.g. a receipt refused).
     */
    record Difference(SortedMap<String, Integer> missing, SortedMap<String, Integer> extra,
                      SortedMap<String, Integer> unexpected) {

        int lost() {
            return missing.values().stream().mapToInt(Integer::intValue).sum();
        }

        int doubled() {
            return extra.values().stream().mapToInt(Integer::intValue).sum();
        }

        int other() {
            return unexpected.values().stream().mapToInt(Integer::intValue).sum();
        }

        boolean none() {
            return missing.isEmpty() && extra.isEmpty() && unexpected.isEmpty();
        }
    }

    static Difference compare(Map<String, Integer> expected, Map<String, Integer> actual) {
        SortedMap<String, Integer> missing = new TreeMap<>();
        SortedMap<String, Integer> extra = new TreeMap<>();
        SortedMap<String, Integer> unexpected = new TreeMap<>();
        expected.forEach((fact, count) -> {
            int seen = actual.getOrDefault(fact, 0);
            if (seen < count) {
                missing.put(fact, count - seen);
            }
        });
        actual.forEach((fact, count) -> {
            int wanted = expected.getOrDefault(fact, 0);
            if (wanted == 0) {
                unexpected.put(fact, count);
            } else if (count > wanted) {
                extra.put(fact, count - wanted);
            }
        });
        return new Difference(missing, extra, unexpected);
    }
}
