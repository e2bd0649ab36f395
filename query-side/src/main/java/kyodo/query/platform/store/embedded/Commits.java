package kyodo.query.platform.store.embedded;

import kyodo.kernel.SparseFiles;
import org.h2.mvstore.MVStore;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * When the {@link EmbeddedReadStore}'s file is committed (ADR 13): by {@link #makeDurable()}, a group
 * commit, and by the housekeeping thread, which commits what no commit of the last second covered and
 * rewrites the chunks that updates left mostly empty ({@link #compact()}). Each takes the exclusive side
 * of a lock whose shared side every write holds ({@link #write}), so a committed file never holds a
 * document without its index entries, or half a batch.
 */
final class Commits {

    /** Chunks whose live pages fill less than this percentage are rewritten by the housekeeping thread. */
    static final int FILL_RATE = 70;
    /** At most this many bytes of chunks per rewrite, so that a commit (which waits for it) waits little. */
    private static final int COMPACT_BYTES = 1 << 20;
    /** At most this many bytes of chunks per step: the rewritten pages are held in memory until the next commit. */
    private static final int COMPACT_MAX_BYTES = 16 << 20;
    private static final long COMPACT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long COMMIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Path file;
    private final MVStore store;
    private final ReentrantReadWriteLock commitLock = new ReentrantReadWriteLock();
    private final AtomicLong commitRequests = new AtomicLong();
    /** Writes begun and writes ended ({@link #writeStamp()}); begun is counted before a write, ended after. */
    private final AtomicLong writesBegun = new AtomicLong();
    private final AtomicLong writesEnded = new AtomicLong();
    private final Object groupCommit = new Object();
    private long committedUpTo;
    /** When the file was last committed ({@link System#nanoTime()}); guarded by the commit lock. */
    private long lastCommit = System.nanoTime();
    private final ScheduledExecutorService housekeeping;
    /** What the file had been written when the last compaction step began; the housekeeping thread's own. */
    private long writtenAtLastCompaction;

    Commits(Path file, MVStore store) {
        this.file = file;
        this.store = store;
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "read-store-commit");
            thread.setDaemon(true);
            return thread;
        });
        housekeeping.scheduleWithFixedDelay(this::commitIfChanged, 1, 1, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(this::compact, 2, 2, TimeUnit.SECONDS);
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

    /** Runs a write to the {@link kyodo.query.platform.store.ReadStore#BOOKKEEPING} so that no commit sees part of it; not counted. */
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
     * {@link kyodo.query.platform.store.ReadStore#BOOKKEEPING}, {@link #unstamped}), in this process alone (the file is locked against others). Ended is read before begun: when they are equal, every write
     * begun by then had ended, and the next one to begin makes them differ until it ends.
     */
    OptionalLong writeStamp() {
        long ended = writesEnded.get();
        return writesBegun.get() == ended ? OptionalLong.of(ended) : OptionalLong.empty();
    }

    /**
     * Group commit: several processors finish batches at once; one file commit that starts after a
     * caller's writes covers that caller, so it need not write the file again.
     */
    void makeDurable() {
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
     * lock: a commit never sees part of a batch.
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

    /** Whether this thread is inside a write ({@link #write}, {@link #unstamped}). */
    boolean insideWrite() {
        return commitLock.getReadHoldCount() > 0;
    }

    /** Stops the housekeeping thread, without an interrupt: an interrupted file channel closes, and the store with it. */
    void stopHousekeeping() {
        housekeeping.shutdown();
        try {
            housekeeping.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The exclusive side of the commit lock: no write runs while it is held. */
    Lock exclusive() {
        return commitLock.writeLock();
    }
}
