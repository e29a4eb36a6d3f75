package nl.ipsexchange.mha.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.mha.query.client.ClientDataReader;
import nl.ipsexchange.mha.query.client.ClientView;
import nl.ipsexchange.mha.query.consent.ClientConsents;
import nl.ipsexchange.mha.query.inforequest.InformationRequestQueries.FindInformationRequestsOfClientQuery;
import nl.ipsexchange.mha.query.inforequest.InformationRequestView;
import nl.ipsexchange.mha.query.trajectory.TrajectoryQueries.FindTrajectoriesOfClientQuery;
import nl.ipsexchange.mha.query.trajectory.TrajectoryView;
import nl.ipsexchange.platform.security.CurrentUser;
import nl.ipsexchange.platform.security.NeedToKnow;
import nl.ipsexchange.platform.web.NotFoundException;

/**
 * A client's record at the mental health agency: identity, benefit, work, consents, trajectories with their history,
 * information requests. Health information only on request, through the API's own audited read
 * ({@link ClientReadService}: need to know, an access record with its purpose); a role without need to know is told
 * so in words (ADR 0050).
 */
@Controller
public class ClientRecordPage extends ClientPages {

    private static final List<DataCategory> HEALTH = List.of(DataCategory.HEALTH_SUMMARY, DataCategory.DIAGNOSIS,
            DataCategory.TREATMENT);

    private final ClientDataReader clients;
    private final ClientReadService reads;
    private final ClientConsents consents;
    private final QueryGateway queries;
    private final TrajectoryHistory history;
    private final NeedToKnow needToKnow;

    public ClientRecordPage(ClientDataReader clients, ClientReadService reads, ClientConsents consents,
                            QueryGateway queries, TrajectoryHistory history, NeedToKnow needToKnow) {
        this.clients = clients;
        this.reads = reads;
        this.consents = consents;
        this.queries = queries;
        this.history = history;
        this.needToKnow = needToKnow;
    }

    /** A trajectory on the record: what it is now and everything that happened in it. */
    public record TrajectoryRecord(TrajectoryView trajectory, String funding, List<TrajectoryHistory.Entry> history) {
    }

    /** One health category on the record: its text when read and held, otherwise why it is not shown. */
    public record HealthLine(DataCategory category, String label, String text, String notShown) {
    }

    /**
     * @param purpose given: read the health information for this purpose (recorded); absent: the record without it
     */
    @GetMapping("/clients/{clientId}")
    @Staff
    public String record(@PathVariable UUID clientId, @RequestParam(required = false) Purpose purpose, Model model) {
        String id = clientId.toString();
        ClientView client;
        Role role = CurrentUser.role();
        List<HealthLine> health = new ArrayList<>();
        if (purpose != null) {
            ClientReadService.ClientDetails details = reads.read(id, purpose, CurrentUser.actor(), role)
                    .orElseThrow(() -> new NotFoundException("no client " + clientId));
            client = details.client();
            Map<DataCategory, String> texts = new LinkedHashMap<>();
            texts.put(DataCategory.HEALTH_SUMMARY, details.healthSummary());
            texts.put(DataCategory.DIAGNOSIS, details.diagnosis());
            texts.put(DataCategory.TREATMENT, details.treatment());
            for (DataCategory category : HEALTH) {
                String label = Words.category(category);
                if (!needToKnow.mayRead(role, category)) {
                    health.add(new HealthLine(category, label, null, notShown(label)));
                } else {
                    String text = texts.get(category);
                    health.add(new HealthLine(category, label, text, text == null ? "none recorded" : null));
                }
            }
            model.addAttribute("purpose", purpose);
        } else {
            client = clients.client(id).orElseThrow(() -> new NotFoundException("no client " + clientId));
        }
        List<TrajectoryView> trajectories = queries.query(new FindTrajectoriesOfClientQuery(id),
                ResponseTypes.multipleInstancesOf(TrajectoryView.class)).join();
        List<InformationRequestView> requests = queries.query(new FindInformationRequestsOfClientQuery(id),
                ResponseTypes.multipleInstancesOf(InformationRequestView.class)).join();
        model.addAttribute("client", client);
        model.addAttribute("health", health);
        model.addAttribute("mayReadHealth", HEALTH.stream().anyMatch(category -> needToKnow.mayRead(role, category)));
        model.addAttribute("notShownHealth", HEALTH.stream().filter(category -> !needToKnow.mayRead(role, category))
                .map(category -> notShown(Words.category(category))).toList());
        model.addAttribute("purposes", Purpose.values());
        model.addAttribute("consents", consents.of(id));
        model.addAttribute("trajectories", trajectories.stream().map(trajectory -> new TrajectoryRecord(trajectory,
                TrajectoryPage.fundingWords(trajectory), history.of(trajectory))).toList());
        model.addAttribute("requests", requests);
        return "mha/client";
    }

    private static String notShown(String label) {
        return "not shown: your role has no need to know the client's " + label;
    }

    /** A client that is not registered, or an id that is not one: a page that says so, not a document. */
    @Override
    public ModelAndView notFound() {
        return problem(HttpStatus.NOT_FOUND, "No such client",
                "There is no client at this address. Search for the client on the clients page.");
    }
}
