package nl.ipsexchange.mha.query.consent;

import java.util.List;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.mha.query.consent.ConsentQueries.FindConsentsOfClientQuery;

/** A client's consents, for the consent gate and the pages. */
@Component
public class ClientConsents {

    private final QueryGateway queries;

    public ClientConsents(QueryGateway queries) {
        this.queries = queries;
    }

    public List<ConsentView> of(String clientId) {
        return queries.query(new FindConsentsOfClientQuery(clientId),
                ResponseTypes.multipleInstancesOf(ConsentView.class)).join();
    }

    public List<ConsentTerms> termsOf(String clientId) {
        return of(clientId).stream().map(ConsentView::terms).toList();
    }
}
