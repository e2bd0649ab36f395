package kyodo.command.platform;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading past gaps answers what Axon's own statement answers, in the same order, from the index. */
class TrackedEventQueriesTest {

    private static final EventSchema SCHEMA = new EventSchema();

    private Connection connection;

    @BeforeEach
    void storeEvents() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:tracked-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        connection = dataSource.getConnection();
        H2EventTableFactory.INSTANCE.createDomainEventTable(connection, SCHEMA).execute();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO DomainEventEntry (eventIdentifier, "
                + "aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType, payload, metaData) "
                + "VALUES (?, ?, 0, 'Proposal', '2025-01-01T00:00:00Z', 'x', ?, X'7b7d')")) {
            for (int i = 1; i <= 500; i++) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, "p-" + i);
                insert.setBytes(3, ("{\"n\":" + i + "}").getBytes());
                insert.executeUpdate();
            }
        }
    }

    @AfterEach
    void close() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    @Test
    void theGapsAndTheRangeAreReadAsAxonReadsThemInGlobalOrder() throws SQLException {
        List<Long> gaps = List.of(3L, 250L, 251L, 400L);
        List<String> ours = rows(TrackedEventQueries.readEventDataWithGaps(connection, SCHEMA, 400, 20, gaps));
        List<String> axons = rows(JdbcEventStorageEngineStatements.readEventDataWithGaps(connection, SCHEMA, 400, 20,
                gaps));

        assertThat(ours).isEqualTo(axons).hasSize(24);
        assertThat(ours.get(0)).startsWith("3 ");
        assertThat(ours.get(4)).startsWith("401 ").contains("{\"n\":401}");
        assertThat(ours.get(23)).startsWith("420 ");
    }

    @Test
    void gapsBeyondTheStoredEventsAndAnEmptyRangeAnswerWhatExists() throws SQLException {
        List<Long> gaps = List.of(7L, 9_999L);
        assertThat(rows(TrackedEventQueries.readEventDataWithGaps(connection, SCHEMA, 495, 100, gaps)))
                .isEqualTo(rows(JdbcEventStorageEngineStatements.readEventDataWithGaps(connection, SCHEMA, 495, 100, gaps)))
                .hasSize(6);
        assertThat(rows(TrackedEventQueries.readEventDataWithGaps(connection, SCHEMA, 600, 100, List.of(12L))))
                .hasSize(1).first().asString().startsWith("12 ");
    }

    @Test
    void h2ReadsOnlyTheRowsItReturns() throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN ANALYZE " + sqlOf(
                TrackedEventQueries.readEventDataWithGaps(connection, SCHEMA, 400, 20, List.of(3L, 250L))))) {
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                // H2 notes the rows each part scanned: the range (20 and the end) and the two lookups,
                // not the 500 events
                assertThat(plan.getString(1))
                        .contains("PRIMARY_KEY_B: GLOBALINDEX > CAST(400 AS BIGINT)", "scanCount: 22")
                        .contains("PRIMARY_KEY_B: GLOBALINDEX IN(CAST(3 AS BIGINT), CAST(250 AS BIGINT))", "scanCount: 3")
                        .doesNotContain("scanCount: 50");
            }
        }
    }

    /** The statement's SQL with its parameters inlined, for EXPLAIN. */
    private static String sqlOf(PreparedStatement statement) throws SQLException {
        String sql = statement.unwrap(org.h2.jdbc.JdbcPreparedStatement.class).toString();
        String query = sql.substring(sql.indexOf(": ") + 2, sql.indexOf(" {"));
        String[] values = sql.substring(sql.indexOf(" {") + 2, sql.lastIndexOf('}')).split(", ");
        for (String value : values) {
            query = query.replaceFirst("\\?", value.substring(value.indexOf(": ") + 2));
        }
        return query;
    }

    private static List<String> rows(PreparedStatement statement) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (statement; ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getLong("globalIndex") + " " + rs.getString("aggregateIdentifier") + " "
                        + new String(rs.getBytes("payload")));
            }
        }
        return rows;
    }
}
