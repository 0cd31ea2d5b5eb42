package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.PostgresServer;
import gov.dadukou.guidance.store.Database;
import gov.dadukou.guidance.store.PostgresSettings;

/** {@link LiveEntrySyncTest} on PostgreSQL: a fresh database of the shared test cluster for each {@link #open()}. */
class LiveEntrySyncPostgresTest extends LiveEntrySyncTest {
    @Override
    Database open() {
        PostgresServer.Database pg = PostgresServer.shared().createDatabase();
        return Database.open(new PostgresSettings(pg.url(), pg.user(), pg.password(), 4));
    }
}
