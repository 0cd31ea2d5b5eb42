package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.PostgresServer;
import gov.dadukou.guidance.store.Database;
import gov.dadukou.guidance.store.PostgresSettings;

class DatabaseSessionsPostgresTest extends DatabaseSessionsTest {
    @Override
    Database open() {
        PostgresServer.Database pg = PostgresServer.shared().createDatabase();
        return Database.open(new PostgresSettings(pg.url(), pg.user(), pg.password(), 4));
    }
}
