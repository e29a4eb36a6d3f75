package nl.ipsexchange.infra.eventstore;

import org.flywaydb.core.Flyway;

import nl.ipsexchange.infra.embedded.ServiceDatabase;
import nl.ipsexchange.testsupport.TestInfrastructure;

/** A new database on the test PostgreSQL with the event store's tables only, as its migration creates them. */
final class EventStoreDatabase {

    private EventStoreDatabase() {
    }

    /** Its URL; the test infrastructure's login reads and writes it. */
    static String fresh(String prefix) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        ServiceDatabase database = infrastructure.newServiceDatabase(prefix);
        String url = infrastructure.jdbcUrl(database);
        Flyway.configure().dataSource(url, database.owner().user(), database.owner().password())
                .locations(EventStoreSchema.MIGRATIONS).load().migrate();
        return url;
    }
}
