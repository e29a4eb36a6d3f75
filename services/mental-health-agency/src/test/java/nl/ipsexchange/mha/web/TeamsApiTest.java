package nl.ipsexchange.mha.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.ipsexchange.mha.MentalHealthAgencyTest;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.TestBsns;

/**
 * IPS teams through the API (ADR 0045), with the demo's two teams: a referral names its team (a 400 naming
 * {@code team} when it does not), the specialist assigned belongs to it, and a trajectory moves to another team.
 */
@MentalHealthAgencyTest
class TeamsApiTest {

    @LocalServerPort
    int port;

    private ApiClient clinician;

    @BeforeEach
    void login() {
        clinician = ApiClient.as("http://localhost:" + port, "mha.clinician");
    }

    private String client() {
        ApiClient.Response created = clinician.post("/api/clients", """
                {"name":"Lotte Visser","bsn":"%s","dateOfBirth":"1988-02-11","benefit":"DISABILITY","municipality":"Zeist"}"""
                .formatted(TestBsns.random()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("clientId").asText();
    }

    @Test
    void aReferralThatNamesNoTeamIsA400NamingTeamWhenTheAgencyHasSeveral() {
        ApiClient.Response refused = clinician.post("/api/referrals",
                "{\"clientId\":\"" + client() + "\",\"wishesToWork\":true}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("detail").asText())
                .isEqualTo("team: is required (one of [IPS team Utrecht, IPS team Zuid])");
    }

    @Test
    void aTrajectoryShowsItsTeamAndMovesToAnotherWithOneOfItsSpecialists() {
        ApiClient.Response referred = ApiClient.as("http://localhost:" + port, "mha.specialist").post(
                "/api/referrals", "{\"clientId\":\"" + client() + "\",\"wishesToWork\":true,"
                        + "\"team\":\"IPS team Utrecht\"}");
        assertThat(referred.status()).as(referred.body()).isEqualTo(201);
        String trajectory = "/api/trajectories/" + referred.json().get("trajectoryId").asText();

        // the specialist who referred works in the team: assigned
        assertThat(clinician.get(trajectory).json().get("team").asText()).isEqualTo("IPS team Utrecht");
        assertThat(clinician.get(trajectory).json().get("specialist").asText()).isEqualTo("mha.specialist");

        ApiClient.Response notOfTheTeam = clinician.put(trajectory + "/team",
                "{\"team\":\"IPS team Zuid\",\"specialist\":\"mha.specialist\"}");
        assertThat(notOfTheTeam.status()).as(notOfTheTeam.body()).isEqualTo(400);
        assertThat(notOfTheTeam.json().get("detail").asText())
                .isEqualTo("specialist: mha.specialist is not an IPS specialist of IPS team Zuid");

        ApiClient.Response moved = clinician.put(trajectory + "/team",
                "{\"team\":\"IPS team Zuid\",\"specialist\":\"s.bakker\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().get("team").asText()).isEqualTo("IPS team Zuid");
        assertThat(moved.json().get("specialist").asText()).isEqualTo("s.bakker");
    }

    @Test
    void theTeamsAreListedWithTheirSpecialists() {
        ApiClient.Response teams = ApiClient.as("http://localhost:" + port, "mha.reviewer").get("/api/teams");

        assertThat(teams.status()).isEqualTo(200);
        assertThat(teams.json().get(0).get("name").asText()).isEqualTo("IPS team Utrecht");
        assertThat(teams.json().get(0).get("defaultTeam").asBoolean()).isTrue();
        assertThat(teams.json().get(1).get("specialists").get(0).asText()).isEqualTo("s.bakker");
    }
}
