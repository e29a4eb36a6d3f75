package nl.ipsexchange.mha.query.client;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.platform.crypto.ClientDataCipher;

/** The register's sealing; rows an earlier version stored in the clear are sealed before the service takes work. */
@Configuration(proxyBeanMethods = false)
public class RegisterConfiguration {

    @Bean
    public RegisterSealing registerSealing(ClientDataCipher cipher, JdbcTemplate jdbc) {
        RegisterSealing sealing = new RegisterSealing(cipher);
        sealing.sealRowsInTheClear(jdbc);
        return sealing;
    }
}
