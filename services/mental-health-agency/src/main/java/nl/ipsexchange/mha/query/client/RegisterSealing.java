package nl.ipsexchange.mha.query.client;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.platform.crypto.BlindIndex;
import nl.ipsexchange.platform.crypto.ClientDataCipher;

/**
 * The register's identifying data and job preferences as they are stored: sealed under the client's own keys
 * (IDENTIFICATION, EMPLOYMENT), the citizen service number also as a keyed hash that keeps it unique. A dump of the
 * database names no one; the service opens what it reads. Rows an earlier version stored in the clear are read as
 * they are until {@link #sealRowsInTheClear} has sealed them, at start.
 */
public class RegisterSealing {

    /** What the register keeps of a client's identity, sealed as one. */
    public record Identification(String name, String bsn, String dateOfBirth, String municipality) {

        static Identification of(String name, String bsn, LocalDate dateOfBirth, String municipality) {
            return new Identification(name, bsn, dateOfBirth == null ? null : dateOfBirth.toString(), municipality);
        }

        LocalDate birthDate() {
            return dateOfBirth == null ? null : LocalDate.parse(dateOfBirth);
        }
    }

    private record Employment(String jobPreferences) {
    }

    private static final Logger log = LoggerFactory.getLogger(RegisterSealing.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClientDataCipher cipher;
    private final BlindIndex bsnIndex;

    public RegisterSealing(ClientDataCipher cipher) {
        this.cipher = cipher;
        this.bsnIndex = new BlindIndex(cipher, "index/bsn");
    }

    public String seal(String clientId, Identification identification) {
        return cipher.encrypt(ClientDataCipher.keyId(clientId, DataCategory.IDENTIFICATION), json(identification));
    }

    /** Empty when the client's key has been destroyed. */
    public Optional<Identification> openIdentification(String clientId, String sealed) {
        return cipher.decrypt(ClientDataCipher.keyId(clientId, DataCategory.IDENTIFICATION), sealed)
                .map(text -> read(text, Identification.class));
    }

    public String sealJobPreferences(String clientId, String jobPreferences) {
        return cipher.encrypt(ClientDataCipher.keyId(clientId, DataCategory.EMPLOYMENT),
                json(new Employment(jobPreferences)));
    }

    /** Empty when the client's key has been destroyed. */
    public Optional<String> openJobPreferences(String clientId, String sealed) {
        return cipher.decrypt(ClientDataCipher.keyId(clientId, DataCategory.EMPLOYMENT), sealed)
                .map(text -> read(text, Employment.class).jobPreferences());
    }

    /** The keyed hash that keeps a citizen service number unique without storing it. */
    public String bsnIndex(String bsn) {
        return bsnIndex.of(bsn);
    }

    /**
     * Seals the rows an earlier version stored in the clear and empties their clear columns, each row only while it
     * is still unsealed: safe beside a running service.
     *
     * @return how many rows were sealed
     */
    public int sealRowsInTheClear(JdbcTemplate jdbc) {
        int sealed = 0;
        List<Object[]> clients = jdbc.query("select client_id, name, bsn, date_of_birth, municipality "
                + "from client_register where identification is null", (rs, i) -> new Object[] {rs.getString(1),
                Identification.of(rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                        rs.getString(5))});
        for (Object[] row : clients) {
            String clientId = (String) row[0];
            Identification identification = (Identification) row[1];
            sealed += jdbc.update("update client_register set identification = ?, bsn_index = ?, name = null, "
                    + "bsn = null, date_of_birth = null, municipality = null "
                    + "where client_id = ? and identification is null", seal(clientId, identification),
                    bsnIndex(identification.bsn()), clientId);
        }
        List<String[]> employment = jdbc.query("select client_id, job_preferences from client_employment "
                + "where employment is null", (rs, i) -> new String[] {rs.getString(1), rs.getString(2)});
        for (String[] row : employment) {
            sealed += jdbc.update("update client_employment set employment = ?, job_preferences = null "
                    + "where client_id = ? and employment is null", sealJobPreferences(row[0], row[1]), row[0]);
        }
        if (sealed > 0) {
            log.info("sealed {} register rows that an earlier version stored in the clear", sealed);
        }
        return sealed;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write sealed register data", e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sealed register data is not what the register wrote", e);
        }
    }
}
