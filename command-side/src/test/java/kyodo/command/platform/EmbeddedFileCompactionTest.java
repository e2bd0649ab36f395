package kyodo.command.platform;

import kyodo.kernel.EmbeddedFiles;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedFileCompactionTest {

    private static final int EVENTS = 600;
    private static final Duration STEP = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    @Test
    void aFileWrittenOneCommitAtATimeStaysCloseToItsContent() throws Exception {
        String url = EmbeddedFiles.url(dir.resolve("kyodo"));
        assertThat(url).contains(";RETENTION_TIME=2000;");
        // the retention window is time, not work: with it the sizes below would depend on the machine
        JdbcDataSource events = dataSource(url.replace(";RETENTION_TIME=2000;", ";RETENTION_TIME=0;"));
        Map<Integer, byte[]> written = new HashMap<>();
        EmbeddedFileCompaction.Progress progress = new EmbeddedFileCompaction.Progress();
        long largest = 0;
        try (Connection open = events.getConnection()) {
            createTable(open);
            for (int i = 0; i < EVENTS; i++) {
                written.put(i, append(open, i));
                if (i % 50 == 49) {
                    assertThat(EmbeddedFileCompaction.step(events, progress, STEP)).isTrue();
                    largest = Math.max(largest, Files.size(dir.resolve("kyodo.mv.db")));
                }
            }
        }
        // H2's defaults with a commit per event: ~66 KB per event of ~600 bytes (issue 13)
        assertThat(largest / EVENTS).isLessThan(4_000);
        assertThat(Files.size(dir.resolve("kyodo.mv.db")) / EVENTS).isLessThan(2_000);

        try (Connection reopened = events.getConnection(); Statement s = reopened.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, payload FROM events ORDER BY id")) {
            int rows = 0;
            while (rs.next()) {
                assertThat(rs.getBytes(2)).isEqualTo(written.get(rs.getInt(1)));
                rows++;
            }
            assertThat(rows).isEqualTo(EVENTS);
        }
    }

    @Test
    void aStepRewritesAsMuchAsTheCommitsWroteSinceTheLastOne() throws Exception {
        JdbcDataSource events = dataSource(EmbeddedFiles.url(dir.resolve("kyodo"))
                .replace(";RETENTION_TIME=2000;", ";RETENTION_TIME=0;"));
        try (Connection open = events.getConnection()) {
            createTable(open);
            // ~25 KB written per commit, ~600 bytes of it live: far more than one fixed 1 MB step rewrites
            for (int i = 0; i < 3_000; i++) {
                append(open, i);
            }
            FileStore<?> file = EmbeddedFileCompaction.fileStore(open).orElseThrow().getFileStore();
            assertThat(file.getChunksFillRate()).isLessThan(EmbeddedFileCompaction.TARGET_FILL_RATE);

            assertThat(EmbeddedFileCompaction.step(events, new EmbeddedFileCompaction.Progress(),
                    Duration.ofMinutes(1))).isTrue();

            assertThat(file.getChunksFillRate()).isGreaterThanOrEqualTo(EmbeddedFileCompaction.TARGET_FILL_RATE);
        }
    }

    /** The ops stores' files: reached through pools of the compaction's own, and never created by it. */
    @Test
    void anotherStoresFileIsCompactedOnceItExistsAndNeverCreatedByTheCompaction() throws Exception {
        String url = EmbeddedFiles.url(dir.resolve("follows/follows")).replace(";RETENTION_TIME=2000;", ";RETENTION_TIME=0;");
        Path file = dir.resolve("follows/follows.mv.db");
        try (EmbeddedFileCompaction compaction = EmbeddedFileCompaction.ofFiles(
                Map.of("follows", url, "outbox", "jdbc:h2:mem:outbox-" + System.nanoTime()), "kyodo", "",
                Duration.ofHours(1))) {
            compaction.compactAll();
            assertThat(file).doesNotExist();

            try (Connection open = dataSource(url).getConnection()) {
                createTable(open);
                for (int i = 0; i < 3_000; i++) {
                    append(open, i);
                }
                FileStore<?> store = EmbeddedFileCompaction.fileStore(open).orElseThrow().getFileStore();
                assertThat(store.getChunksFillRate()).isLessThan(EmbeddedFileCompaction.TARGET_FILL_RATE);

                compaction.compactAll();

                assertThat(store.getChunksFillRate()).isGreaterThanOrEqualTo(EmbeddedFileCompaction.TARGET_FILL_RATE);
            }
        }
    }

    @Test
    void progressCountsTheBytesWrittenSinceItLastLooked() throws Exception {
        JdbcDataSource events = dataSource(EmbeddedFiles.url(dir.resolve("kyodo")));
        try (Connection open = events.getConnection()) {
            MVStore store = EmbeddedFileCompaction.fileStore(open).orElseThrow();
            EmbeddedFileCompaction.Progress progress = new EmbeddedFileCompaction.Progress();
            long sinceOpen = EmbeddedFileCompaction.writtenBytes(store);
            assertThat(progress.writtenSince(store)).isEqualTo(sinceOpen).isPositive();
            assertThat(progress.writtenSince(store)).isZero();
            createTable(open);
            append(open, 1);
            assertThat(progress.writtenSince(store))
                    .isEqualTo(EmbeddedFileCompaction.writtenBytes(store) - sinceOpen).isPositive();
        }
    }

    @Test
    void theSettingsWriteEveryCommitThroughAndKeepOldChunksTwoSeconds() throws SQLException {
        JdbcDataSource keys = dataSource(EmbeddedFiles.url(dir.resolve("keys")));
        try (Connection c = keys.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                     + "WHERE SETTING_NAME IN ('WRITE_DELAY', 'RETENTION_TIME', 'MAX_LENGTH_INPLACE_LOB')")) {
            Map<String, String> settings = new HashMap<>();
            while (rs.next()) {
                settings.put(rs.getString(1), rs.getString(2));
            }
            assertThat(settings).containsEntry("WRITE_DELAY", "0").containsEntry("RETENTION_TIME", "2000")
                    .containsEntry("MAX_LENGTH_INPLACE_LOB", "65536");
        }
    }

    @Test
    void aDatabaseInMemoryIsLeftAlone() throws SQLException {
        JdbcDataSource memory = dataSource("jdbc:h2:mem:compaction-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        assertThat(EmbeddedFileCompaction.step(memory, new EmbeddedFileCompaction.Progress(), STEP)).isFalse();
    }

    private static JdbcDataSource dataSource(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("kyodo");
        return dataSource;
    }

    private static void createTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE events (id INT PRIMARY KEY, eventIdentifier VARCHAR(255) NOT NULL UNIQUE, "
                    + "aggregateIdentifier VARCHAR(255) NOT NULL, sequenceNumber BIGINT NOT NULL, "
                    + "payload BLOB, UNIQUE (aggregateIdentifier, sequenceNumber))");
        }
    }

    /** One event per transaction, as the command side appends them: ~460 bytes of JSON-like payload. */
    private static byte[] append(Connection c, int i) throws SQLException {
        byte[] payload = new byte[460];
        Random random = new Random(i);
        Arrays.fill(payload, (byte) 'x');
        for (int k = 0; k < payload.length; k += 3) {
            payload[k] = (byte) ('a' + random.nextInt(26));
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?)")) {
            insert.setInt(1, i);
            insert.setString(2, "event-" + i);
            insert.setString(3, "proposal-" + i / 4);
            insert.setLong(4, i % 4);
            insert.setBytes(5, payload);
            insert.executeUpdate();
        }
        return payload;
    }
}
