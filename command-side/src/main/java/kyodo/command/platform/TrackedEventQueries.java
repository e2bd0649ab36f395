package kyodo.command.platform;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * How processors read the event stream when their position has gaps (indexes given to transactions
 * that had not committed yet when the processor passed them). Axon asks for
 * {@code (globalIndex > ? AND globalIndex <= ?) OR globalIndex IN (gaps)}; H2 answers that OR by
 * walking the whole primary key and testing every event, so every poll of every processor read the
 * whole store (11-23 ms at 40k events, growing with the store), and with commands committing
 * concurrently there are gaps nearly all the time. Asked as two index lookups joined with
 * {@code UNION ALL}, it reads only the events it returns. The two parts never overlap: the gaps lie
 * at or below the position, the range above it.
 */
final class TrackedEventQueries {

    private TrackedEventQueries() {
    }

    /** Axon's {@code ReadEventDataWithGapsStatementBuilder}, as two index lookups. */
    static PreparedStatement readEventDataWithGaps(Connection connection, EventSchema schema, long globalIndex,
                                                   int batchSize, List<Long> gaps) throws SQLException {
        String index = schema.globalIndexColumn();
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable() + " WHERE ";
        String sql = "SELECT * FROM (" + select + index + " > ? AND " + index + " <= ? UNION ALL "
                + select + index + " IN (" + String.join(",", Collections.nCopies(gaps.size(), "?")) + ")"
                + ") tracked ORDER BY " + index + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }
}
