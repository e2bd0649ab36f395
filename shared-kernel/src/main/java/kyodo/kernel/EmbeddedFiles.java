package kyodo.kernel;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How kyodo opens its embedded H2 files (events, personal-data keys, accounts), in one place for both
 * sides and the ops application.
 */
public final class EmbeddedFiles {

    /**
     * H2 over asynchronous file channels: an interrupted thread (Reactor interrupts a blocking read
     * when its client hangs up) would otherwise close the file channel, and with it the database,
     * for every later request.
     */
    static final String H2_FILES = "jdbc:h2:async:";

    /**
     * How every embedded H2 file is opened (events, keys, accounts):
     * <ul>
     * <li>{@code WRITE_DELAY=0}: a commit is written to the file before it returns, so a command is
     * acknowledged only once its events are there ({@code kill -9} loses nothing acknowledged).</li>
     * <li>{@code RETENTION_TIME=2000}: H2 overwrites no chunk younger than this (its guard against
     * a power cut, which assumes the system writes the file back within that time: the command
     * side's {@code EmbeddedFileCompaction} forces it every second). H2's 45 s kept every commit of
     * the last 45 s in a chunk of its own: the file grew to 100 times its content and every commit
     * wrote more metadata about them.</li>
     * <li>{@code MAX_LENGTH_INPLACE_LOB}: a BLOB (event payloads, metadata, tokens) up to 64 KB stays
     * in its row instead of H2's separate LOB maps, a few pages less per commit.</li>
     * <li>{@code MAX_COMPACT_TIME=0}: no compaction when the file closes. H2 2.3.232 can lose pages it
     * rewrote there (h2database #4247, fixed in 2.4.240); the command side's
     * {@code EmbeddedFileCompaction} keeps the file compact while it is open instead.</li>
     * </ul>
     */
    static final String SETTINGS = ";WRITE_DELAY=0;RETENTION_TIME=2000;MAX_LENGTH_INPLACE_LOB=65536"
            + ";MAX_COMPACT_TIME=0;DB_CLOSE_ON_EXIT=FALSE";

    private EmbeddedFiles() {
    }

    /** The JDBC URL of an embedded H2 file database at {@code file} (without H2's suffix). */
    public static String url(Path file) {
        return H2_FILES + file.toAbsolutePath().normalize() + SETTINGS;
    }

    /**
     * As {@link #url(Path)}, with a page cache of {@code cacheMegabytes} instead of H2's 16 MB. Each open
     * file keeps a cache of its own on the Java heap, filled up to its size by whatever was read: a file
     * read rarely or in small parts gets a smaller one (issue 13, docs/performance.md "memory").
     */
    public static String url(Path file, int cacheMegabytes) {
        if (cacheMegabytes < 1) {
            throw new IllegalArgumentException("an H2 page cache needs at least 1 MB, not " + cacheMegabytes);
        }
        return url(file) + ";CACHE_SIZE=" + cacheMegabytes * 1024;
    }

    /** The file H2 keeps behind a URL that {@link #url(Path)} gave; empty for any other URL. */
    public static Optional<Path> file(String url) {
        if (!url.startsWith(H2_FILES)) {
            return Optional.empty();
        }
        String path = url.substring(H2_FILES.length());
        int settings = path.indexOf(';');
        return Optional.of(Path.of((settings < 0 ? path : path.substring(0, settings)) + ".mv.db"));
    }
}
