package kyodo.command.platform;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * db-scheduler's poll for due deadlines reads an index, on a new table and on one made before the index was: at
 * 10⁶ events (112k deadlines) a poll that read the whole table fired 3.5 deadlines a second.
 */
class SchedulerTableTest {

    /** db-scheduler's poll for due deadlines (priority off), as it sends it. */
    private static final String DUE_POLL = "SELECT * FROM scheduled_tasks WHERE picked = FALSE AND execution_time <= ?"
            + " ORDER BY execution_time ASC FETCH FIRST 30 ROWS ONLY";

    @Test
    void theDuePollReadsAnIndexOfANewTable() throws SQLException {
        JdbcDataSource ds = dataSource();

        CommandStorageConfiguration.createSchedulerTable(ds);

        assertThat(plan(ds, DUE_POLL)).contains("SCHEDULED_TASKS_EXECUTION_TIME").doesNotContain("tableScan");
    }

    @Test
    void aTableFromBeforeTheIndexGetsItAndKeepsItsRows() throws SQLException {
        JdbcDataSource ds = dataSource();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // the table as it was made before the index (CommandStorageConfiguration)
            s.execute("CREATE TABLE scheduled_tasks (task_name VARCHAR(100) NOT NULL,"
                    + " task_instance VARCHAR(200) NOT NULL, task_data BLOB,"
                    + " execution_time TIMESTAMP WITH TIME ZONE NOT NULL, picked BOOLEAN NOT NULL,"
                    + " picked_by VARCHAR(50), last_success TIMESTAMP WITH TIME ZONE,"
                    + " last_failure TIMESTAMP WITH TIME ZONE, consecutive_failures INT,"
                    + " last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL,"
                    + " priority SMALLINT, PRIMARY KEY (task_name, task_instance))");
            s.execute("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version)"
                    + " VALUES ('AxonDeadline', 'd-1', TIMESTAMP WITH TIME ZONE '2025-07-03 15:00:00Z', FALSE, 1)");
        }
        assertThat(plan(ds, DUE_POLL)).contains("tableScan");

        CommandStorageConfiguration.createSchedulerTable(ds);
        CommandStorageConfiguration.createSchedulerTable(ds); // every start makes it if it is not there

        assertThat(plan(ds, DUE_POLL)).contains("SCHEDULED_TASKS_EXECUTION_TIME").doesNotContain("tableScan");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT task_instance FROM scheduled_tasks")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("d-1");
            assertThat(rows.next()).isFalse();
        }
    }

    private static JdbcDataSource dataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:scheduler-table-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    private static String plan(JdbcDataSource ds, String query) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet plan = s.executeQuery("EXPLAIN " + query.replace("?", "CURRENT_TIMESTAMP"))) {
            plan.next();
            return plan.getString(1);
        }
    }
}
