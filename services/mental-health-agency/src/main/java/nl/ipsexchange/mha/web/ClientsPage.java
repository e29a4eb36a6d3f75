package nl.ipsexchange.mha.web;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import nl.ipsexchange.mha.query.client.ClientView;
import nl.ipsexchange.mha.query.client.ClientQueries.FindClientsQuery;

/** The mental health agency's working page of its clients. */
@Controller
public class ClientsPage {

    private final QueryGateway queries;

    public ClientsPage(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/clients")
    @Staff
    public String clients(Model model) {
        model.addAttribute("clients", queries.query(new FindClientsQuery(),
                ResponseTypes.multipleInstancesOf(ClientView.class)).join());
        return "mha/clients";
    }
}
