package kyodo.query.platform.store.embedded;

import kyodo.kernel.SparseFiles;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The embedded read store: documents as BSON in one H2 MVStore file, with persisted secondary
 * indexes, in this process, no network port (ADR 17). The file is locked against a second process.
 * <p>
 * Crash consistency (ADR 13): MVStore never writes on its own here; the file is committed only by
 * {@link #makeDurable()} and by a timer that commits what no commit of the last second covered; each
 * takes the exclusive side of a lock whose shared side every bulk write holds, so a committed file
 * never holds a document without its index entries, or half a batch.
 */
public final class EmbeddedReadStore implements ReadStore {

    static final String FILE = "readstore.mv";
    /** The layout of documents, index entries and catalog; another one is never read (see {@link #open}). */
    static final String FORMAT = "kyodo-read-store/4";
    private static final String FORMAT_KEY = "format";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmbeddedReadStore.class);
    /**
     * How long a chunk (one commit's pages) is kept after no version needs it any more. MVStore's 45 s
     * kept every page that a replay or a catch-up rewrote in that time: over a gigabyte for 38k events.
     */
    static final int RETENTION_MILLIS = 2_000;
    /** Chunks whose live pages fill less than this percentage are rewritten by the housekeeping thread. */
    static final int FILL_RATE = 70;
    /**
     * A file larger than {@link #SPARSE_BYTES} whose live pages fill less than this percentage (what a
     * replay leaves: the high-water mark of its writes) is copied into a fresh file when it opens.
     */
    static final int SPARSE_FILL_RATE = 50;
    static final long SPARSE_BYTES = 16 << 20;
    /** At most this many bytes of chunks per rewrite, so that a commit (which waits for it) waits little. */
    private static final int COMPACT_BYTES = 1 << 20;
    /** At most this many bytes of chunks per step: the rewritten pages are held in memory until the next commit. */
    private static final int COMPACT_MAX_BYTES = 16 << 20;
    private static final long COMPACT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Path file;
    private final MVStore store;
    private final MVMap<String, String> catalog;
    private final Map<String, EmbeddedCollection> collections = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock commitLock = new ReentrantReadWriteLock();
    private final AtomicLong commitRequests = new AtomicLong();
    /** Writes begun and writes ended ({@link #writeStamp()}); begun is counted before a write, ended after. */
    private final AtomicLong writesBegun = new AtomicLong();
    private final AtomicLong writesEnded = new AtomicLong();
    final Rebuilds rebuilds = new Rebuilds();
    private final Object groupCommit = new Object();
    private long committedUpTo;
    /** When the file was last committed ({@link System#nanoTime()}); guarded by the commit lock. */
    private long lastCommit = System.nanoTime();
    private static final long COMMIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final ScheduledExecutorService housekeeping;
    /** What the file had been written when the last compaction step began; the housekeeping thread's own. */
    private long writtenAtLastCompaction;

    private EmbeddedReadStore(Path file, MVStore store) {
        this.file = file;
        this.store = store;
        this.catalog = store.openMap("catalog");
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "read-store-commit");
            thread.setDaemon(true);
            return thread;
        });
        housekeeping.scheduleWithFixedDelay(this::commitIfChanged, 1, 1, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(this::compact, 2, 2, TimeUnit.SECONDS);
    }

    /**
     * Opens (or creates) the store in the directory, which is made owner-only.
     *
     * @throws IllegalStateException if another process has it open
     */
    public static EmbeddedReadStore open(Path directory) {
        ownerOnlyDirectory(directory);
        Path file = directory.resolve(FILE);
        try {
            SparseFiles.recover(file);
            MVStore store = openFile(file);
            if (!FORMAT.equals(store.<String, String>openMap("catalog").get(FORMAT_KEY))
                    && !store.<String, String>openMap("catalog").isEmpty()) {
                // Written by another version of this engine: its entries would be misread. Read models
                // and their positions are rebuilt from the event store, so the file starts over.
                LOG.warn("The read-model store {} has another format than {}; it is rebuilt from the events.",
                        file, FORMAT);
                store.close(0);
                Files.delete(file);
                store = openFile(file);
            } else if (sparse(file, store)) {
                // MVStore frees space inside the file while it runs but cannot move chunks safely
                // then (h2database #3765); before anything reads it, a copy of the live pages can. A
                // store closed normally was copied then: this is what a killed process left behind.
                int live = SparseFiles.liveShare(store);
                store.close(0);
                LOG.info("The read-model store {} was {} % free space: copied into a compact file ({}).", file,
                        100 - live, SparseFiles.copy(file, live, Duration.ZERO));
                store = openFile(file);
            }
            store.<String, String>openMap("catalog").put(FORMAT_KEY, FORMAT);
            store.commit();
            EmbeddedReadStore opened = new EmbeddedReadStore(file, store);
            IndexBuild.resume(opened); // what an interrupted rebuild deferred, before anything reads it
            return opened;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the read-model store " + file + " over", e);
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new IllegalStateException("the read-model store " + file + " is in use by another process:"
                        + " is another kyodo running on this data directory?", e);
            }
            throw e;
        }
    }

    /** Whether the open store's file is larger than {@link #SPARSE_BYTES} and less than {@link #SPARSE_FILL_RATE} % live. */
    private static boolean sparse(Path file, MVStore store) throws IOException {
        return Files.size(file) > SPARSE_BYTES && SparseFiles.liveShare(store) < SPARSE_FILL_RATE;
    }

    /**
     * Over an asynchronous file channel, as the event store's H2 files ({@code EmbeddedFiles}): a
     * reader interrupted in a plain channel's read (Reactor interrupts a blocking read when the
     * request's client hangs up) closes the channel, and with it the store for every later request.
     */
    private static MVStore openFile(Path file) {
        MVStore store = new MVStore.Builder().fileName("async:" + file)
                .autoCommitDisabled().autoCommitBufferSize(0)
                .compress().cacheSize(32)
                .open();
        store.setRetentionTime(RETENTION_MILLIS);
        return store;
    }

    /** {@code rwx------}, also on a directory created readable by all before. */
    private static void ownerOnlyDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the read-model directory or make it owner-only: " + directory, e);
        }
    }

    @Override
    public ReadCollection collection(String name) {
        return collections.computeIfAbsent(name, this::openCollection);
    }

    private EmbeddedCollection openCollection(String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0 || name.contains("$")) {
            throw new IllegalArgumentException("invalid collection name: '" + name + "'");
        }
        catalog.putIfAbsent("collection\0" + name, "");
        return new EmbeddedCollection(this, name);
    }

    <K, V> MVMap<K, V> map(String name, MVMap.Builder<K, V> builder) {
        return store.openMap(name, builder);
    }

    void removeMap(MVMap<?, ?> map) {
        store.removeMap(map);
    }

    MVMap<String, String> catalog() {
        return catalog;
    }

    @Override
    public List<String> collectionNames() {
        return catalog.keySet().stream().filter(key -> key.startsWith("collection\0"))
                .map(key -> key.substring("collection\0".length()))
                .filter(name -> ((EmbeddedCollection) collection(name)).size() > 0)
                .sorted().toList();
    }

    /** Defers the indexes of what it empties ({@link IndexBuild}); the last one to close builds them. */
    @Override
    public Rebuild rebuild() {
        return rebuilds.open(() -> {
            collections.values().forEach(c -> c.finishDeferredAlone(c.indexes));
            makeDurable();
        });
    }

    /** Runs a write so that no commit sees part of it; counted for {@link #writeStamp()}. */
    <T> T write(Supplier<T> work) {
        writesBegun.incrementAndGet();
        try {
            return unstamped(work);
        } finally {
            writesEnded.incrementAndGet();
        }
    }

    /** Runs a write to the {@link #BOOKKEEPING} so that no commit sees part of it; not counted. */
    <T> T unstamped(Supplier<T> work) {
        commitLock.readLock().lock();
        try {
            return work.get();
        } finally {
            commitLock.readLock().unlock();
        }
    }

    /**
     * Every change of a document or an index goes through {@link #write} (or, for the
     * {@link #BOOKKEEPING}, {@link #unstamped}), in this process alone (the file is locked against others). Ended is read before begun: when they are equal, every write
     * begun by then had ended, and the next one to begin makes them differ until it ends.
     */
    @Override
    public OptionalLong writeStamp() {
        long ended = writesEnded.get();
        return writesBegun.get() == ended ? OptionalLong.of(ended) : OptionalLong.empty();
    }

    /**
     * Group commit: several processors finish batches at once; one file commit that starts after a
     * caller's writes covers that caller, so it need not write the file again.
     */
    @Override
    public void makeDurable() {
        long ticket = commitRequests.incrementAndGet();
        synchronized (groupCommit) {
            if (committedUpTo >= ticket) {
                return;
            }
            long covers = commitRequests.get();
            commit(false);
            committedUpTo = covers;
        }
    }

    private void commit(boolean onlyIfChanged) {
        commitLock.writeLock().lock();
        try {
            if (store.isClosed()) {
                if (onlyIfChanged) {
                    return;
                }
                throw new IllegalStateException("the read store is closed: " + file);
            }
            // the timer's commit is skipped within a second of another: a replay makes its batches durable
            // itself, and a second commit of the same pages costs as much as the first
            if (!onlyIfChanged || store.hasUnsavedChanges() && System.nanoTime() - lastCommit >= COMMIT_NANOS) {
                store.commit();
                lastCommit = System.nanoTime();
            }
        } finally {
            commitLock.writeLock().unlock();
        }
    }

    private void commitIfChanged() {
        commit(true);
    }

    /**
     * Rewrites the live pages of chunks that updates and deletions left mostly empty and commits them,
     * so that those chunks are freed and their space reused (MVStore then shortens the file when its end
     * is free). It only copies pages within the maps, unchanged, under the exclusive side of the commit
     * lock: a commit never sees part of a batch. Package-private for the test that the file stays compact.
     *
     * <p>It keeps up with the writes (issue 13): a step rewrites about as many bytes of chunks as the
     * writes stored since the last step (at least {@link #COMPACT_BYTES}, at most {@link #COMPACT_MAX_BYTES}),
     * in slices of {@link #COMPACT_BYTES}, each with a commit of its own so that the writes run between them
     * and the next slice finds the chunks the last one freed, for at most a second. A fixed megabyte every
     * two seconds, stored only by the next batch's commit, fell behind a catch-up: the file grew to 12
     * times its live data.
     */
    void compact() {
        if (store.isClosed()) {
            return;
        }
        long toRewrite = Math.min(COMPACT_MAX_BYTES,
                Math.max(COMPACT_BYTES, SparseFiles.writtenBytes(store) - writtenAtLastCompaction));
        long until = System.nanoTime() + COMPACT_NANOS;
        while (toRewrite > 0 && System.nanoTime() < until && compactSlice()) {
            toRewrite -= COMPACT_BYTES;
        }
        writtenAtLastCompaction = SparseFiles.writtenBytes(store); // its own commits are not the writes'
    }

    /** One slice of {@link #compact()}: whether anything was left to rewrite. */
    private boolean compactSlice() {
        commitLock.writeLock().lock();
        try {
            if (store.isClosed() || !store.compact(FILL_RATE, COMPACT_BYTES)) {
                return false;
            }
            store.commit();
            lastCommit = System.nanoTime();
            return true;
        } finally {
            commitLock.writeLock().unlock();
        }
    }

    @Override
    public String describe() {
        return "embedded read store " + file;
    }

    /**
     * Commits and releases the file, without compacting it in place: MVStore's compaction of the file on
     * close can lose the last changes (h2database #4247, #3765; a tampering written just before a close
     * was seen missing after it). The rewrite every two seconds above keeps the file's free space reused;
     * a file that a burst left mostly free space is then copied into a compact one, once closed (within
     * {@link SparseFiles#STOP_LIMIT}; past it the next open makes the copy), so that the next start does
     * not pay for it.
     */
    @Override
    public void close() {
        // no interrupt: an interrupted file channel closes, and the store with it
        housekeeping.shutdown();
        try {
            housekeeping.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int live = -1;
        commitLock.writeLock().lock();
        try {
            if (!store.isClosed()) {
                live = sparse(file, store) ? SparseFiles.liveShare(store) : -1;
                store.close(0);
            }
        } catch (IOException e) {
            LOG.warn("The read-model store {} could not be measured at its close: {}", file, e.toString());
        } finally {
            commitLock.writeLock().unlock();
        }
        if (live >= 0) {
            copyAtClose(live);
        }
    }

    private void copyAtClose(int live) {
        try {
            SparseFiles.Copied copy = SparseFiles.copy(file, live, SparseFiles.STOP_LIMIT);
            if (copy.finished()) {
                LOG.info("The read-model store {} was {} % free space: copied into a compact file ({}).", file,
                        100 - live, copy);
            } else {
                LOG.info("The read-model store {} is {} % free space; its compact copy was given up after {} s,"
                        + " the next start makes it.", file, 100 - live, SparseFiles.STOP_LIMIT.toSeconds());
            }
        } catch (RuntimeException e) {
            LOG.warn("The read-model store {} could not be copied into a compact file at its close: {}", file,
                    e.toString());
        }
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * Runs a write while no other write runs, giving it a commit of the file it may call between its
     * steps (a build of deferred indexes: a 100k store's new index pages, held until one commit at its
     * end, overran a 256 MB heap). Counted for {@link #writeStamp()}. Not from inside a write.
     */
    void alone(Consumer<Runnable> work) {
        if (commitLock.getReadHoldCount() > 0) {
            throw new IllegalStateException("a write alone cannot start inside another write");
        }
        commitLock.writeLock().lock();
        writesBegun.incrementAndGet();
        try {
            work.accept(() -> {
                store.commit();
                lastCommit = System.nanoTime();
            });
        } finally {
            writesEnded.incrementAndGet();
            commitLock.writeLock().unlock();
        }
    }

    /** Whether the file has changes no commit wrote yet (for tests). */
    boolean hasUnsavedChanges() {
        return store.hasUnsavedChanges();
    }

    /** Whether this thread is inside a write ({@link #write}, {@link #unstamped}). */
    boolean insideWrite() {
        return commitLock.getReadHoldCount() > 0;
    }
}
