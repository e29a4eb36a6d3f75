package nl.ipsexchange.mha.query.client;

import java.util.Map;

import nl.ipsexchange.kernel.DataCategory;

/** Ciphertexts per health category; decrypting them is a read of health data and must be recorded. */
public record ClientHealthRecords(String clientId, Map<DataCategory, String> ciphertexts) {
}
