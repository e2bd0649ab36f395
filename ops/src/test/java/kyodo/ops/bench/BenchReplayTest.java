package kyodo.ops.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code bench replay} counts, on an event table as Axon writes it: the events up to the head the
 * replay reads, and apart from them those a start appended (deadlines that fell due while the set lay
 * stopped), told by their stamps whatever the number of fraction digits.
 */
class BenchReplayTest {

    private static final Instant START = Instant.parse("2026-12-06T17:53:20.500Z");

    private GenericApplicationContext context;
    private JdbcTemplate jdbc;

    @BeforeEach
    void anEventTable() {
        jdbc = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:bench-replay-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1"));
        jdbc.execute("CREATE TABLE DomainEventEntry (globalIndex BIGINT PRIMARY KEY,"
                + " timeStamp VARCHAR(255) NOT NULL)");
        context = new GenericApplicationContext();
        context.registerBean(JdbcTemplate.class, () -> jdbc);
        context.refresh();
    }

    @AfterEach
    void dropIt() {
        jdbc.execute("SHUTDOWN");
        context.close();
    }

    @Test
    void theEventsAStartAppendedAreToldApartFromTheSetsOwnByTheirStamps() {
        // the set: loaded days before, and in the minute of the start, before it
        stored(0, "2026-12-01T09:00:00.000Z");
        stored(1, "2026-12-06T17:53:00.000Z");
        stored(2, "2026-12-06T17:53:20.499999Z");
        // appended by the start: 3 and 9 fraction digits, the same minute and the next
        stored(3, "2026-12-06T17:53:20.500Z");
        stored(4, "2026-12-06T17:53:20.5000001Z");
        stored(5, "2026-12-06T17:54:01.000Z");

        assertThat(BenchReplay.appendedSince(context, START)).isEqualTo(3);
    }

    @Test
    void theReplayReadsTheEventsUpToItsHeadGapsIncluded() {
        stored(0, "2026-12-01T09:00:00.000Z");
        stored(2, "2026-12-01T09:00:01.000Z");
        stored(3, "2026-12-01T09:00:02.000Z");
        stored(7, "2026-12-06T17:54:01.000Z");

        assertThat(BenchReplay.eventsUpTo(context, 3)).isEqualTo(3);
        assertThat(BenchReplay.eventsUpTo(context, 7)).isEqualTo(4);
    }

    private void stored(long globalIndex, String timeStamp) {
        jdbc.update("INSERT INTO DomainEventEntry (globalIndex, timeStamp) VALUES (?, ?)", globalIndex, timeStamp);
    }
}
