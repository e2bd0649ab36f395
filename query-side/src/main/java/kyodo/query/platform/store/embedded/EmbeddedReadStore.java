package kyodo.query.platform.store.embedded;

import kyodo.kernel.SparseFiles;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.Rebuilds;
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
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The embedded read store: documents as BSON in one H2 MVStore file, with persisted secondary
 * indexes, in this process, no network port (ADR 17). The file is locked against a second process.
 * <p>
 * Crash consistency (ADR 13): MVStore never writes on its own here; the file is committed only by
 * {@link #makeDurable()} and by a timer that commits what no commit of the last second covered
 * ({@link Commits}); each takes the exclusive side of a lock whose shared side every bulk write holds, so
 * a committed file never holds a document without its index entries, or half a batch.
 */
public final class EmbeddedReadStore implements ReadStore {

    static final String FILE = "readstore.mv";
    /** The layout of documents, index entries and catalog; another one is never read (see {@link #open}). */
    static final String FORMAT = "kyodo-read-store/4";
    private static final String FORMAT_KEY = "format";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmbeddedReadStore.class);
    /** How long a chunk is kept after no version needs it (MVStore's 45 s kept over a GB for a 38k-event replay). */
    static final int RETENTION_MILLIS = 2_000;
    /**
     * A file larger than {@link #SPARSE_BYTES} whose live pages fill less than this percentage (what a
     * replay leaves: the high-water mark of its writes) is copied into a fresh file when it opens.
     */
    static final int SPARSE_FILL_RATE = 50;
    static final long SPARSE_BYTES = 16 << 20;
    /** MVStore's page cache on the Java heap, MB, unless {@code kyodo.mongodb.embedded-cache-mb} says otherwise. */
    public static final int CACHE_MB = 32;

    private final Path file;
    private final MVStore store;
    /** Whether it compresses its pages; if not, the file is copied into a compressed one at close ({@link PageCompression}). */
    private final boolean compressed;
    private final MVMap<String, String> catalog;
    private final Map<String, EmbeddedCollection> collections = new ConcurrentHashMap<>();
    final Rebuilds rebuilds = new Rebuilds();
    /** When the file is committed and compacted. */
    private final Commits commits;

    private EmbeddedReadStore(Path file, MVStore store, boolean compressed) {
        this.file = file;
        this.store = store;
        this.compressed = compressed;
        this.catalog = store.openMap("catalog");
        this.commits = new Commits(file, store);
    }

    /** {@link #open(Path, int, boolean)} with a page cache of {@link #CACHE_MB}, compressed. */
    public static EmbeddedReadStore open(Path directory) {
        return open(directory, CACHE_MB, true);
    }

    /**
     * Opens (or creates) the store in the directory, which is made owner-only, with a page cache of
     * {@code cacheMegabytes} on the Java heap.
     *
     * @param compressed whether it compresses the pages it writes; if not (a replay), the file is compressed
     *                   once, by a copy when it closes or else at the next compressed open ({@link PageCompression})
     * @throws IllegalStateException if another process has it open
     */
    public static EmbeddedReadStore open(Path directory, int cacheMegabytes, boolean compressed) {
        ownerOnlyDirectory(directory);
        Path file = directory.resolve(FILE);
        try {
            SparseFiles.recover(file);
            MVStore store = PageCompression.open(file, cacheMegabytes, compressed);
            if (!FORMAT.equals(store.<String, String>openMap("catalog").get(FORMAT_KEY))
                    && !store.<String, String>openMap("catalog").isEmpty()) {
                // Written by another version of this engine: its entries would be misread. Read models
                // and their positions are rebuilt from the event store, so the file starts over.
                LOG.warn("The read-model store {} has another format than {}; it is rebuilt from the events.",
                        file, FORMAT);
                store.close(0);
                Files.delete(file);
                store = PageCompression.open(file, cacheMegabytes, compressed);
            } else if (sparse(file, store) || compressed && PageCompression.marked(store)) {
                // MVStore frees space inside the file while it runs but cannot move chunks safely
                // then (h2database #3765); before anything reads it, a copy of the live pages can. A
                // store closed normally was copied then: this is what a killed process left behind.
                int live = SparseFiles.liveShare(store);
                store.close(0);
                LOG.info("The read-model store {} was {} % free space: copied into a compact file ({}).", file,
                        100 - live, SparseFiles.copy(file, live, Duration.ZERO));
                store = PageCompression.open(file, cacheMegabytes, compressed);
            }
            store.<String, String>openMap("catalog").put(FORMAT_KEY, FORMAT);
            PageCompression.record(store, compressed);
            store.commit();
            EmbeddedReadStore opened = new EmbeddedReadStore(file, store, compressed);
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
            IndexBuild.finishEvery(this, collections.values());
            makeDurable();
        });
    }

    @Override
    public boolean whenRebuilt(Runnable task) {
        return rebuilds.whenRebuilt(task);
    }

    /** Runs a write so that no commit sees part of it; counted for {@link #writeStamp()} ({@link Commits#write}). */
    <T> T write(Supplier<T> work) {
        return commits.write(work);
    }

    /** Runs a write to the {@link #BOOKKEEPING} so that no commit sees part of it; not counted. */
    <T> T unstamped(Supplier<T> work) {
        return commits.unstamped(work);
    }

    /** Whether no write runs, and how many have ended ({@link Commits#writeStamp()}). */
    @Override
    public OptionalLong writeStamp() {
        return commits.writeStamp();
    }

    /**
     * True: the positions are documents of this file, every write holds the shared side of the commit
     * lock and every commit its exclusive side ({@link Commits}), so a committed file holds every write
     * that ended before the commit and none that had not begun (ADR 13).
     */
    @Override
    public boolean positionsCommitWithDocuments() {
        return true;
    }

    /** A group commit ({@link Commits#makeDurable()}). */
    @Override
    public void makeDurable() {
        commits.makeDurable();
    }

    /** One compaction step ({@link Commits#compact()}); package-private for the test that the file stays compact. */
    void compact() {
        commits.compact();
    }

    @Override
    public String describe() {
        return "embedded read store " + file;
    }

    /**
     * Commits and releases the file, without compacting it in place: MVStore's compaction of the file on
     * close can lose the last changes (h2database #4247, #3765; a tampering written just before a close
     * was seen missing after it). The rewrite every two seconds above keeps the file's free space reused;
     * a file that a burst left mostly free space, or that was written uncompressed, is then copied into a
     * compact one, once closed (within {@link SparseFiles#STOP_LIMIT}; past it the next open makes the copy),
     * so that the next start does not pay for it.
     */
    @Override
    public void close() {
        commits.stopHousekeeping();
        int live = -1;
        commits.exclusive().lock();
        try {
            if (!store.isClosed()) {
                live = !compressed || sparse(file, store) ? SparseFiles.liveShare(store) : -1;
                store.close(0);
            }
        } catch (IOException e) {
            LOG.warn("The read-model store {} could not be measured at its close: {}", file, e.toString());
        } finally {
            commits.exclusive().unlock();
        }
        if (live >= 0) {
            copyAtClose(live);
        }
    }

    private void copyAtClose(int live) {
        try {
            SparseFiles.Copied copy = SparseFiles.copy(file, live, SparseFiles.STOP_LIMIT);
            if (copy.finished()) {
                if (!compressed) {
                    PageCompression.unmark(file);
                }
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

    /** Runs a write while no other write runs, with a commit it may call between its steps ({@link Commits#alone}). */
    void alone(Consumer<Runnable> work) {
        commits.alone(work);
    }

    /** The file underneath, for this package's tests and the build's probe ({@code DeferredBuildProbe}). */
    MVStore file() {
        return store;
    }

    /** Whether this thread is inside a write ({@link #write}, {@link #unstamped}). */
    boolean insideWrite() {
        return commits.insideWrite();
    }
}
