package kyodo.command.platform;

import com.zaxxer.hikari.HikariDataSource;
import kyodo.kernel.EmbeddedFiles;
import kyodo.kernel.SparseFiles;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.DataSourceBuilder;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the embedded H2 files (events, keys, and the ops application's stores: accounts, residents,
 * follows, the mail outbox) compact while they are written. With
 * {@code WRITE_DELAY=0} every commit writes a chunk of its own and H2 starts no background thread,
 * so nothing rewrote the chunks that keep only a page or two alive: the file grew to 100 times its
 * content (issue 13). Every {@code interval} this forces the file to the device (H2 never does on
 * commit) and does the housekeeping H2's background thread would do first: rewrite the live pages
 * of the emptiest chunks and store them, so that those chunks are freed and their space reused by
 * the next commits. It does not move chunks to cut the file: H2 2.3's chunk moving has a known
 * allocation fault (h2database #4086) that a crash in the middle of a move could turn into a
 * damaged file. Databases that are not embedded H2 files are left alone.
 *
 * <p>Under a sustained load (issue 13: 450 commits/s, ~25-40 KB written per commit, most of it H2's
 * chunk metadata) the old step rewrote next to nothing: {@link MVStore#compact} gives up when it
 * cannot have H2's (fair) store lock within 10 ms, and the queue of commits seldom left it free that
 * long, so the file grew to 19-26 times its live data. A step now waits for the lock in line with the commits,
 * and rewrites as many live bytes as the commits wrote since the last step (at least
 * {@link #STEP_BYTES}), in slices of {@link #SLICE_BYTES} with a store of their own each, so that
 * the commands' commits run between the slices. The emptiest and oldest chunks go first, so a byte
 * rewritten frees several. A step ends after half an interval, before the next forcing of the file.
 *
 * <p>The interval must stay below H2's {@code RETENTION_TIME} ({@link kyodo.kernel.EmbeddedFiles}): H2
 * overwrites no chunk younger than that, assuming the file has reached the device by then.
 */
public final class EmbeddedFileCompaction implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFileCompaction.class);

    /** Below this share of live data a file (or its chunks) is compacted; H2's own default is 90. */
    static final int TARGET_FILL_RATE = 80;
    /** Live bytes a step rewrites at least (when the commits wrote less since the last one). */
    static final int STEP_BYTES = 1 << 20;
    /** Live bytes rewritten under one hold of the store lock (the commits wait meanwhile). */
    static final int SLICE_BYTES = 256 << 10;

    /**
     * A database to look after; {@code owned} data sources are closed with the compaction. With a
     * {@code file}, the database is skipped until that file exists (a connection would create it).
     */
    record Target(String name, DataSource dataSource, boolean owned, Path file) {
        Target(String name, DataSource dataSource, boolean owned) {
            this(name, dataSource, owned, null);
        }
    }

    private final List<Target> targets;
    private final Map<Target, Progress> progress = new HashMap<>();
    private final Duration budget;
    private final ScheduledExecutorService scheduler;

    private EmbeddedFileCompaction(List<Target> targets, Duration interval) {
        this.targets = List.copyOf(targets);
        this.budget = interval.dividedBy(2);
        for (Target target : this.targets) {
            progress.put(target, new Progress());
        }
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

    /**
     * Compacts the embedded H2 files behind {@code urls} (name → URL, as {@code EmbeddedFiles.url}
     * makes them) through one-connection pools of its own, each opened once its file exists, and
     * closed with the compaction. URLs of other databases are skipped.
     */
    public static EmbeddedFileCompaction ofFiles(Map<String, String> urls, String user, String password,
                                                 Duration interval) {
        List<Target> targets = new ArrayList<>();
        if (interval.isZero() || interval.isNegative()) {
            return start(targets, interval);
        }
        urls.forEach((name, url) -> EmbeddedFiles.file(url).ifPresent(file -> {
            HikariDataSource pool = DataSourceBuilder.create().type(HikariDataSource.class)
                    .url(url).username(user).password(password).build();
            pool.setPoolName("kyodo-" + name.replace(' ', '-') + "-compaction");
            pool.setMaximumPoolSize(1);
            targets.add(new Target(name, pool, true, file));
        }));
        return start(targets, interval);
    }

    void compactAll() {
        for (Target target : targets) {
            if (target.file() != null && !Files.exists(target.file())) {
                continue;
            }
            try {
                step(target.dataSource(), progress.get(target), budget);
            } catch (SQLException | RuntimeException e) {
                // the next step tries again; a store that failed is H2's to report to its writers
                LOG.warn("compacting the {} file failed: {}", target.name(), e.toString());
            }
        }
    }

    /** What the commits of one file wrote up to the end of the last step (H2 counts from its open). */
    static final class Progress {
        private MVStore store;
        private long written;

        /** Bytes written to {@code store} since the last call (since it was opened, the first time). */
        long writtenSince(MVStore current) {
            long now = writtenBytes(current);
            long since = current == store ? Math.max(0, now - written) : now;
            store = current;
            written = now;
            return since;
        }

        /** Counts from now: the step's own rewrites are not the commits' writes. */
        void skip(MVStore current) {
            store = current;
            written = writtenBytes(current);
        }
    }

    /**
     * One step on the database behind {@code dataSource}, if it is an open embedded H2 file: forces
     * it, then rewrites about as many live bytes as were written since the {@code progress} of the
     * last step, for at most {@code budget}.
     *
     * @return whether it was one
     */
    static boolean step(DataSource dataSource, Progress progress, Duration budget) throws SQLException {
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
            if (store.getAutoCommitDelay() > 0) {
                // a WRITE_DELAY of the operator's: H2's own background writer stores and compacts the file
                // (and rewriting under its lock here could wait for that writer's threads, which wait for it)
                return true;
            }
            long toRewrite = Math.max(STEP_BYTES, progress.writtenSince(store));
            long until = System.nanoTime() + budget.toNanos();
            while (toRewrite > 0 && System.nanoTime() < until && file.getChunksFillRate() < TARGET_FILL_RATE
                    && rewriteSlice(store)) {
                // store the rewritten pages now, so that the chunks they leave are freed and reused
                store.commit();
                toRewrite -= SLICE_BYTES;
            }
            progress.skip(store);
            return true;
        }
    }

    /**
     * Rewrites the live pages of the emptiest chunks, about {@link #SLICE_BYTES} of them, waiting for
     * the store lock in line with the commits. {@link MVStore#compact} alone gives up when it cannot
     * have the lock within 10 ms, and under a sustained load the queue of commits never leaves it
     * free that long: nine tries in ten rewrote nothing.
     *
     * @return whether anything was left to rewrite
     */
    private static boolean rewriteSlice(MVStore store) {
        boolean[] rewritten = {false};
        // H2's lock is held here, so its own attempt to take it inside succeeds at once
        store.executeFilestoreOperation(
                () -> rewritten[0] = store.getFileStore().compact(TARGET_FILL_RATE, SLICE_BYTES));
        return rewritten[0];
    }

    /** The bytes H2 wrote to the file since it was opened. */
    static long writtenBytes(MVStore store) {
        return SparseFiles.writtenBytes(store);
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
