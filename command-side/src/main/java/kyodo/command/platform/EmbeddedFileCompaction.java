package kyodo.command.platform;

import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the embedded H2 files (events, keys) compact while they are written. With
 * {@code WRITE_DELAY=0} every commit writes a chunk of its own and H2 starts no background thread,
 * so nothing rewrote the chunks that keep only a page or two alive: the file grew to 100 times its
 * content (issue 13). Every {@code interval} this forces the file to the device (H2 never does on
 * commit) and does the housekeeping H2's background thread would do first: rewrite the live pages
 * of the emptiest chunks, bounded per step, and store them, so that those chunks are freed and their
 * space reused by the next commits. It does not move chunks to cut the file: H2 2.3's chunk moving
 * has a known allocation fault (h2database #4086) that a crash in the middle of a move could turn
 * into a damaged file. Databases that are not embedded H2 files are left alone.
 *
 * <p>The interval must stay below H2's {@code RETENTION_TIME} ({@link CommandSideDefaults}): H2
 * overwrites no chunk younger than that, assuming the file has reached the device by then.
 */
final class EmbeddedFileCompaction implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFileCompaction.class);

    /** Below this share of live data a file (or its chunks) is compacted; H2's own default is 90. */
    static final int TARGET_FILL_RATE = 80;
    /** Bytes rewritten per step: a few milliseconds under the store lock. */
    static final int STEP_BYTES = 1 << 20;

    /** A database to look after; {@code owned} data sources are closed with the compaction. */
    record Target(String name, DataSource dataSource, boolean owned) {
    }

    private final List<Target> targets;
    private final ScheduledExecutorService scheduler;

    private EmbeddedFileCompaction(List<Target> targets, Duration interval) {
        this.targets = List.copyOf(targets);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "kyodo-h2-compaction");
            thread.setDaemon(true);
            return thread;
        });
        if (!interval.isZero() && !interval.isNegative()) {
            long millis = interval.toMillis();
            scheduler.scheduleWithFixedDelay(this::compactAll, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Starts compacting the targets every {@code interval}; a zero interval turns it off (and with it
     * the forcing: then only the operating system writes the files back).
     */
    static EmbeddedFileCompaction start(List<Target> targets, Duration interval) {
        return new EmbeddedFileCompaction(targets, interval);
    }

    private void compactAll() {
        for (Target target : targets) {
            try {
                step(target.dataSource());
            } catch (SQLException | RuntimeException e) {
                // the next step tries again; a store that failed is H2's to report to its writers
                LOG.warn("compacting the {} file failed: {}", target.name(), e.toString());
            }
        }
    }

    /**
     * One bounded step on the database behind {@code dataSource}, if it is an open embedded H2 file.
     *
     * @return whether it was one
     */
    static boolean step(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Optional<MVStore> found = fileStore(c);
            if (found.isEmpty()) {
                return false;
            }
            MVStore store = found.get();
            FileStore<?> file = store.getFileStore();
            if (store.isClosed() || file.isReadOnly()) {
                return false;
            }
            // a power cut takes at most about one interval of commits (kill -9 none: a commit is in
            // the file when it returns); the operating system alone writes back within ~30 s
            store.sync();
            if (file.getChunksFillRate() < TARGET_FILL_RATE && store.compact(TARGET_FILL_RATE, STEP_BYTES)) {
                // store the rewritten pages now, so that the chunks they leave are freed and reused
                store.commit();
            }
            return true;
        }
    }

    /** The MVStore of an embedded H2 file database behind {@code c}, if that is what it is. */
    static Optional<MVStore> fileStore(Connection c) throws SQLException {
        if (!c.isWrapperFor(JdbcConnection.class)) {
            return Optional.empty();
        }
        Session session = c.unwrap(JdbcConnection.class).getSession();
        if (!(session instanceof SessionLocal local) || !local.getDatabase().isPersistent()) {
            return Optional.empty();
        }
        Store store = local.getDatabase().getStore();
        return store == null || store.getMvStore().getFileStore() == null ? Optional.empty()
                : Optional.of(store.getMvStore());
    }

    /** Stops compacting (waits for a running step) and closes the data sources it owns. */
    @Override
    public void close() throws Exception {
        scheduler.shutdown();
        if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("a compaction step did not end within 30 s");
        }
        for (Target target : targets) {
            if (target.owned() && target.dataSource() instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
