package kyodo.command.platform;

import kyodo.kernel.EmbeddedFiles;
import kyodo.kernel.SparseFiles;
import org.h2.api.ErrorCode;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SparseFileCopyTest {

    private static final int ROWS = 400;

    @TempDir
    Path dir;

    @Test
    void theEventStoreFileIsFoundInKyodosOwnUrlOnly() {
        assertThat(EmbeddedFiles.file(EmbeddedFiles.url(dir.resolve("eventstore/kyodo"))))
                .contains(dir.resolve("eventstore/kyodo.mv.db").toAbsolutePath().normalize());
        assertThat(EmbeddedFiles.file("jdbc:postgresql://127.0.0.1/kyodo")).isEmpty();
        assertThat(EmbeddedFiles.file("jdbc:h2:mem:kyodo")).isEqualTo(Optional.empty());
    }

    @Test
    void aFileThatIsMostlyFreeSpaceIsCopiedCompactWithEveryRow() throws Exception {
        JdbcDataSource events = dataSource();
        try (Connection c = events.getConnection()) {
            write(c);
            // nothing compacts here: every commit left a chunk, most of them now dead
            assertThat(SparseFileCopy.compactIfSparse(file(), 0, 50, Duration.ZERO)).as("held by this process").isFalse();
        }
        long before = Files.size(file());

        assertThat(SparseFileCopy.compactIfSparse(file(), 0, 50, Duration.ZERO)).isTrue();

        assertThat(Files.size(file())).isLessThan(before / 2);
        assertEveryRow(events);
        // now compact: copied again it would not be
        assertThat(SparseFileCopy.compactIfSparse(file(), 0, 50, Duration.ZERO)).isFalse();
    }

    /**
     * At the stop, after the data sources closed (Spring destroys the post-processor after them), the file
     * is copied, so that the next start finds it compact; while a process holds it, it is left alone.
     */
    @Test
    void aSparseFileIsCopiedAtTheStopOnceItsDatabaseIsClosed() throws Exception {
        JdbcDataSource events = dataSource();
        // the minimum of 16 MB would leave this small file alone: only the minimum differs here
        SparseFileCopy copies = new SparseFileCopy(() -> List.of(file()), 0);
        Connection open = events.getConnection();
        write(open);
        long before = Files.size(file());
        copies.destroy();
        assertThat(Files.size(file())).as("held by this process: left alone").isEqualTo(before);
        open.close();

        copies.destroy();

        assertThat(Files.size(file())).isLessThan(before / 2);
        try (Connection c = events.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(ROWS);
        }
    }

    /**
     * What {@code kill -9} leaves in the middle of a transaction: its undo log in the file. Its records name
     * the maps they undo by number, and a copy numbers the maps anew, so H2 could no longer open a copy to
     * roll the transaction back (a crash-loop run lost its event store so). The file is left to H2, which
     * rolls the transaction back when it opens it; the copy waits for a file closed with none open.
     */
    @Test
    void aFileLeftWithATransactionOpenIsNotCopied() throws Exception {
        JdbcDataSource events = dataSource();
        try (Connection c = events.getConnection()) {
            write(c);
        }
        Connection killed = events.getConnection();
        killed.setAutoCommit(false);
        try (Statement s = killed.createStatement()) {
            s.executeUpdate("UPDATE events SET payload = X'00' WHERE id < 10");
            s.executeUpdate("INSERT INTO events VALUES (" + ROWS + ", X'01')");
        }
        try (Connection other = events.getConnection()) {
            try (Statement s = other.createStatement()) {
                s.execute("CHECKPOINT"); // the open transaction's undo log reaches the file
            }
            killed(other);
        }
        killed.close();
        long before = Files.size(file());
        Object inode = Files.readAttributes(file(), BasicFileAttributes.class).fileKey();
        assertThat(SparseFiles.openTransactions(file())).as("the undo log is in the file").hasValue(1);
        assertThat(SparseFiles.liveShare(file()).orElseThrow()).as("sparse enough to be copied").isLessThan(50);

        assertThat(SparseFileCopy.compactIfSparse(file(), 0, 50, Duration.ZERO)).isFalse();

        assertThat(Files.readAttributes(file(), BasicFileAttributes.class).fileKey()).as("not replaced").isEqualTo(inode);
        assertThat(Files.size(file())).isEqualTo(before);
        assertThat(Files.exists(Path.of(file() + ".tempFile"))).isFalse();
        assertEveryRow(events);
        assertThat(SparseFileCopy.compactIfSparse(file(), 0, 50, Duration.ZERO))
                .as("rolled back and closed by H2: copied now").isTrue();
        assertThat(Files.size(file())).isLessThan(before / 2);
        assertEveryRow(events);
    }

    /**
     * Closes the connection's database as {@code kill -9} would: its store's file is closed where it stands,
     * nothing rolled back or written, and H2 forgets the database, so that the next connection opens the file.
     */
    private static void killed(Connection c) throws SQLException {
        ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().closeImmediately();
        try (Statement s = c.createStatement()) {
            s.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException closed) {
            assertThat(closed.getErrorCode()).isEqualTo(ErrorCode.DATABASE_IS_CLOSED);
        }
    }

    @Test
    void aSmallFileIsLeftAsItIs() throws Exception {
        try (Connection c = dataSource().getConnection()) {
            write(c);
        }
        long before = Files.size(file());
        assertThat(SparseFileCopy.compactIfSparse(file(), before, 50, Duration.ZERO)).isFalse();
        assertThat(Files.size(file())).isEqualTo(before);
        assertThat(SparseFileCopy.compactIfSparse(dir.resolve("none.mv.db"), 0, 50, Duration.ZERO)).isFalse();
    }

    private static void assertEveryRow(JdbcDataSource events) throws SQLException {
        try (Connection c = events.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, payload FROM events ORDER BY id")) {
            int rows = 0;
            while (rs.next()) {
                assertThat(rs.getBytes(2)).isEqualTo(payload(rs.getInt(1)));
                rows++;
            }
            assertThat(rows).isEqualTo(ROWS);
        }
    }

    private Path file() {
        return dir.resolve("kyodo.mv.db");
    }

    private JdbcDataSource dataSource() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(EmbeddedFiles.url(dir.resolve("kyodo")).replace(";RETENTION_TIME=2000;", ";RETENTION_TIME=0;"));
        dataSource.setUser("kyodo");
        return dataSource;
    }

    private static void write(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE events (id INT PRIMARY KEY, payload VARBINARY(2000))");
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO events VALUES (?, ?)")) {
            for (int i = 0; i < ROWS; i++) {
                insert.setInt(1, i);
                insert.setBytes(2, payload(i));
                insert.executeUpdate();
            }
        }
    }

    private static byte[] payload(int i) {
        byte[] bytes = new byte[600];
        Arrays.fill(bytes, (byte) i);
        return bytes;
    }
}
