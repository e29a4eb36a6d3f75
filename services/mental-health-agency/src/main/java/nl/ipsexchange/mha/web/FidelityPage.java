package nl.ipsexchange.mha.web;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import nl.ipsexchange.kernel.fidelity.FidelityItem;
import nl.ipsexchange.mha.query.fidelity.FidelityReviewQueries.FindNewestReviewPerTeamQuery;
import nl.ipsexchange.mha.query.fidelity.FidelityReviewView;

/**
 * The fidelity of the agency's IPS teams side by side: the newest review of each team, its 25 item scores, items
 * scored 1 to 3 marked (the format of a published fidelity table). Team-level data: no client in it.
 */
@Controller
public class FidelityPage {

    /** The items in plain words (section 8 of the domain brief). */
    static final Map<FidelityItem, String> LABELS = new EnumMap<>(Map.ofEntries(
            Map.entry(FidelityItem.CASELOAD_SIZE, "Caseload size (at most 20 per specialist)"),
            Map.entry(FidelityItem.VOCATIONAL_SERVICES_STAFF, "Specialists provide only vocational services"),
            Map.entry(FidelityItem.VOCATIONAL_GENERALISTS, "Specialists carry out all phases of the service"),
            Map.entry(FidelityItem.INTEGRATION_TEAM_ASSIGNMENT, "Integration with treatment: team assignment"),
            Map.entry(FidelityItem.INTEGRATION_TEAM_CONTACT, "Integration with treatment: frequent contact"),
            Map.entry(FidelityItem.VOCATIONAL_REHABILITATION_COLLABORATION,
                    "Collaboration with the public vocational rehabilitation agency"),
            Map.entry(FidelityItem.VOCATIONAL_UNIT, "Specialists form a vocational unit"),
            Map.entry(FidelityItem.SUPERVISOR_ROLE, "Role of the IPS supervisor or team leader"),
            Map.entry(FidelityItem.ZERO_EXCLUSION, "Zero exclusion criteria"),
            Map.entry(FidelityItem.AGENCY_FOCUS_ON_WORK, "Agency focus on competitive employment"),
            Map.entry(FidelityItem.EXECUTIVE_TEAM_SUPPORT, "Executive and leadership support"),
            Map.entry(FidelityItem.WORK_INCENTIVES_PLANNING, "Benefits (work incentives) counselling"),
            Map.entry(FidelityItem.DISCLOSURE, "Disclosure counselling"),
            Map.entry(FidelityItem.ONGOING_ASSESSMENT, "Ongoing, work-based vocational assessment"),
            Map.entry(FidelityItem.RAPID_JOB_SEARCH, "Rapid search for competitive jobs"),
            Map.entry(FidelityItem.INDIVIDUALIZED_JOB_SEARCH, "Job search follows the client's preferences"),
            Map.entry(FidelityItem.JOB_DEVELOPMENT_FREQUENCY, "Job development: frequent employer contact"),
            Map.entry(FidelityItem.JOB_DEVELOPMENT_QUALITY, "Job development: quality of employer contact"),
            Map.entry(FidelityItem.DIVERSITY_OF_JOB_TYPES, "Diversity of job types"),
            Map.entry(FidelityItem.DIVERSITY_OF_EMPLOYERS, "Diversity of employers"),
            Map.entry(FidelityItem.COMPETITIVE_JOBS, "Competitive jobs"),
            Map.entry(FidelityItem.INDIVIDUALIZED_FOLLOW_ALONG, "Individualised follow-along supports"),
            Map.entry(FidelityItem.TIME_UNLIMITED_SUPPORT, "Time-unlimited follow-along supports"),
            Map.entry(FidelityItem.COMMUNITY_BASED_SERVICES, "Community-based services (65% or more out of office)"),
            Map.entry(FidelityItem.ASSERTIVE_OUTREACH, "Assertive engagement and outreach")));

    private final QueryGateway queries;

    public FidelityPage(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/fidelity")
    @FidelityReaders
    public String page(Model model) {
        List<FidelityReviewView> reviews = queries.query(new FindNewestReviewPerTeamQuery(),
                ResponseTypes.multipleInstancesOf(FidelityReviewView.class)).join();
        model.addAttribute("reviews", reviews);
        model.addAttribute("items", List.of(FidelityItem.values()));
        model.addAttribute("labels", LABELS);
        return "mha/fidelity";
    }
}
