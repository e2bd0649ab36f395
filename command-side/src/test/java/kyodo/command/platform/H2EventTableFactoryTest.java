package kyodo.command.platform;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class H2EventTableFactoryTest {

    @Test
    void aCounterLeftBelowTheStoredEventsContinuesAfterTheLastOne() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:events-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            H2EventTableFactory.INSTANCE.createDomainEventTable(c, new EventSchema()).execute();
            for (int i = 0; i < 5; i++) {
                append(c, "p-" + i);
            }
            // what H2 may reopen with after a kill -9: a counter below indexes already committed
            s.execute("ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex RESTART WITH 2");

            assertThat(H2EventTableFactory.continueGlobalIndexAfterLastEvent(c)).isEqualTo(6);
            append(c, "p-next");
            try (ResultSet rs = s.executeQuery(
                    "SELECT globalIndex FROM DomainEventEntry WHERE aggregateIdentifier = 'p-next'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(6);
            }
        }
    }

    @Test
    void anEmptyStoreStartsAtOne() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:events-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection c = dataSource.getConnection()) {
            H2EventTableFactory.INSTANCE.createDomainEventTable(c, new EventSchema()).execute();
            assertThat(H2EventTableFactory.continueGlobalIndexAfterLastEvent(c)).isEqualTo(1);
        }
    }

    private static void append(Connection c, String aggregate) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO DomainEventEntry (eventIdentifier, "
                + "aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType, payload) "
                + "VALUES (?, ?, 0, 'Proposal', '2025-01-01T00:00:00Z', 'x', X'00')")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, aggregate);
            insert.executeUpdate();
        }
    }
}
