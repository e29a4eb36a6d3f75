package nl.ipsexchange.stack;

import static nl.ipsexchange.stack.FiveServices.await;
import static nl.ipsexchange.stack.ServiceDefinition.BENEFITS_AGENCY;
import static nl.ipsexchange.stack.ServiceDefinition.MENTAL_HEALTH_AGENCY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import nl.ipsexchange.testsupport.ApiClient;

/** Information requests asked and answered across agencies, as the asking agency sees the answers. */
final class InformationRequestAnswers {

    private InformationRequestAnswers() {
    }

    /**
     * Asks for the client's diagnosis, denies it with {@code words} and the code CLIENT_OBJECTS, and waits for the
     * physician's answer: the code, never the words (ADR 40). The clinician still reads her words.
     */
    static JsonNode denyInWords(FiveServices services, String clientId, String words) {
        ApiClient physician = services.as(BENEFITS_AGENCY, "benefits.physician");
        ApiClient clinician = services.as(MENTAL_HEALTH_AGENCY, "mha.clinician");
        String request = physician.post("/api/information-requests", """
                {"clientId":"%s","categories":["DIAGNOSIS"],"purpose":"FUNDING_DECISION"}""".formatted(clientId))
                .json().get("requestId").asText();
        await(() -> clinician.get("/api/information-requests").body().contains(request), "the MHA has the request");
        ApiClient.Response denied = clinician.post("/api/information-requests/" + request + "/decision", """
                {"outcome":"DENIED","reason":"%s","reasonCode":"CLIENT_OBJECTS"}""".formatted(words));
        assertThat(denied.status()).as(denied.body()).isEqualTo(200);
        JsonNode answer = awaitAnswer(physician, request);
        assertThat(answer.get("outcome").asText()).isEqualTo("DENIED");
        assertThat(answer.get("reason").asText()).isEqualTo("CLIENT_OBJECTS");
        assertThat(answer.toString()).doesNotContain(words);
        assertThat(clinician.get("/api/information-requests?all=true").body()).as("the clinician reads her words")
                .contains(words);
        return answer;
    }

    /** The asking agency's record of its request once the answer has arrived. */
    static JsonNode awaitAnswer(ApiClient asker, String request) {
        JsonNode[] answer = new JsonNode[1];
        await(() -> {
            for (JsonNode sent : asker.get("/api/information-requests").json()) {
                if (sent.get("requestId").asText().equals(request) && sent.hasNonNull("outcome")) {
                    answer[0] = sent;
                    return true;
                }
            }
            return false;
        }, "the asking agency has its answer");
        return answer[0];
    }
}
