package kyodo.kernel;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.MVStoreTool;
import org.h2.mvstore.tx.TransactionStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;

/**
 * Copies an embedded H2 MVStore file that is mostly free space into a compact one (the copy H2's
 * {@code SHUTDOWN COMPACT} makes), for every embedded file of kyodo (events, keys, read models, the ops
 * stores; issue 13). While a file is open H2 reuses the space of freed chunks but cannot shorten the
 * file safely (h2database #4086, #3765), so a file that grew under a burst keeps its length until it is
 * copied, while it is closed: when the application stops, and else when it starts.
 *
 * <p>Safe under {@code kill -9} at any moment: the live pages are copied into {@code <file>.tempFile}
 * beside it, forced to the device, and only then renamed over the file (one atomic rename). A copy cut
 * short leaves the file as it was and a partial temp file, which {@link #recover} (at the next open)
 * removes; a copy that H2's own fallback left as {@code <file>.newFile} without the file takes its place.
 *
 * <p>A file with a transaction left open (a process killed in the middle of one) is never copied: H2 keeps
 * the transaction's undo log in the file, whose records name the maps they undo by number, and a copy numbers
 * the maps anew, so H2 could no longer open the copy to roll the transaction back (a crash-loop run lost its
 * event store so). H2 rolls it back when it next opens the file; the copy waits for a file closed with none.
 */
public final class SparseFiles {

    /** How a copy tried ended; in every case but {@link #COPIED} the file is as it was. */
    public enum Outcome {
        /** The compact copy took the file's place. */
        COPIED,
        /** The copy was given up at its limit. */
        GIVEN_UP,
        /** The file holds a transaction left open: not copied (see the class's description). */
        TRANSACTION_OPEN
    }

    /** A copy tried: the file's live share and length before and after, how long it took, how it ended. */
    public record Copied(int live, long before, long after, long millis, Outcome outcome) {

        /** Whether the compact copy took the file's place. */
        public boolean finished() {
            return outcome == Outcome.COPIED;
        }

        @Override
        public String toString() {
            String copied = (before >> 20) + " MB → " + (after >> 20) + " MB, " + millis + " ms";
            return switch (outcome) {
                case COPIED -> copied;
                case GIVEN_UP -> "given up after " + millis + " ms";
                case TRANSACTION_OPEN -> "not copied: it holds a transaction left open";
            };
        }
    }

    /**
     * How long a copy when the application stops may take: past it, it is given up (the file stays as it
     * was) and the next start makes it. At 100k proposals the largest copy (the read store's 358 live MB out
     * of 4.4 GB) took 10 s on a quiet machine.
     */
    public static final Duration STOP_LIMIT = Duration.ofSeconds(30);

    /**
     * How H2's transaction store names its undo logs ({@code undoLog.<n>} open, {@code undoLog-<n>}
     * committed but not yet cleared), as its own {@code TransactionStore} finds them.
     */
    private static final String UNDO_LOGS = TransactionStore.UNDO_LOG_NAME_PREFIX;

    private SparseFiles() {
    }

    /** The bytes H2 wrote to the store's file since it was opened. */
    public static long writtenBytes(MVStore store) {
        long[] written = {0};
        store.getFileStore().populateInfo((name, value) -> {
            if ("info.FILE_WRITE_BYTES".equals(name)) {
                written[0] = Long.parseLong(value);
            }
        });
        return written[0];
    }

    /** Removes what a copy cut short left beside the file (H2's temp and new files of a compact copy). */
    public static void recover(Path file) {
        MVStoreTool.compactCleanUp(file.toString());
    }

    /** The percentage of the file that live pages fill: chunks' share of the file, pages' share of those. */
    public static int liveShare(MVStore store) {
        return store.getFillRate() * store.getFileStore().getChunksFillRate() / 100;
    }

    /**
     * The live share of a closed file; empty when there is none or a process (this one included) holds it.
     * It is opened for writing so that a file in use is refused rather than measured under its writer.
     */
    public static OptionalInt liveShare(Path file) {
        return measured(file, new MVStore.Builder().autoCommitDisabled(), SparseFiles::liveShare);
    }

    /**
     * The transactions a closed file holds open: H2's undo logs with entries, which it reads to roll them
     * back (or to finish their commit) when it opens the file. Empty when there is no file or a process holds it.
     */
    public static OptionalInt openTransactions(Path file) {
        return measured(file, new MVStore.Builder().readOnly(), SparseFiles::openTransactions);
    }

    /** What {@code measure} says of the file opened with {@code opening}; empty when there is none or it is held. */
    private static OptionalInt measured(Path file, MVStore.Builder opening, ToIntFunction<MVStore> measure) {
        if (!Files.isRegularFile(file)) {
            return OptionalInt.empty();
        }
        try {
            MVStore store = opening.fileName(file.toString()).open();
            try {
                return OptionalInt.of(measure.applyAsInt(store));
            } finally {
                store.close(0);
            }
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                return OptionalInt.empty();
            }
            throw e;
        }
    }

    /** As {@link #openTransactions(Path)}, of an open store: its maps named as undo logs that hold entries. */
    static int openTransactions(MVStore store) {
        return (int) store.getMapNames().stream()
                .filter(name -> name.startsWith(UNDO_LOGS) && store.hasData(name)).count();
    }

    /**
     * Copies the closed file into a compact one if it is longer than {@code minBytes} and less than
     * {@code fillRate} % live (and no process holds it).
     *
     * @param limit how long the copy may take; past it, it is given up and the file left as it was
     *              ({@link Duration#ZERO}: no limit)
     * @return the copy tried, if the file was sparse
     */
    public static Optional<Copied> copyIfSparse(Path file, long minBytes, int fillRate, Duration limit) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) <= minBytes) {
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OptionalInt live = liveShare(file);
        if (live.isEmpty() || live.getAsInt() >= fillRate) {
            return Optional.empty();
        }
        return Optional.of(copy(file, live.getAsInt(), limit));
    }

    /**
     * Copies the live pages of the closed file into a compact file and puts it in the file's place.
     *
     * @param live  the file's live share, as measured before
     * @param limit as {@link #copyIfSparse}
     * @return the copy (not {@link Copied#finished} when it was given up at the limit or the file holds a
     *         transaction open: nothing changed)
     */
    public static Copied copy(Path file, int live, Duration limit) {
        Path temp = Path.of(file + ".tempFile");
        long started = System.nanoTime();
        try {
            long before = Files.size(file);
            Files.deleteIfExists(temp);
            FutureTask<Boolean> copy = new FutureTask<>(() -> compact(file, temp));
            if (limit.isZero()) {
                copy.run();
            } else if (!finishes(copy, limit)) {
                Files.deleteIfExists(temp);
                return new Copied(live, before, before, millisSince(started), Outcome.GIVEN_UP);
            }
            if (!copy.get()) {
                Files.deleteIfExists(temp);
                return new Copied(live, before, before, millisSince(started), Outcome.TRANSACTION_OPEN);
            }
            try (FileChannel written = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                written.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(file.toAbsolutePath().getParent());
            return new Copied(live, before, Files.size(file), millisSince(started), Outcome.COPIED);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot copy " + file + " into a compact file", e);
        } catch (ExecutionException e) {
            deleteQuietly(temp);
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("cannot copy " + file + " into a compact file", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteQuietly(temp);
            throw new IllegalStateException("interrupted while copying " + file + " into a compact file", e);
        }
    }

    /**
     * Copies the live pages of the file into {@code temp}, compressed, as H2's {@code MVStoreTool.compact}
     * does, unless the file holds a transaction open.
     *
     * @return whether it copied
     */
    private static boolean compact(Path file, Path temp) {
        try (MVStore source = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            if (openTransactions(source) > 0) {
                return false;
            }
            try (MVStore target = new MVStore.Builder().fileName(temp.toString()).compress().open()) {
                MVStoreTool.compact(source, target);
            }
            return true;
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /**
     * Runs the copy in a thread of its own for at most {@code limit}; past it, interrupts it (its file
     * channels close) and waits for it to end, so that nothing writes the temp file afterwards.
     */
    private static boolean finishes(FutureTask<Boolean> copy, Duration limit)
            throws InterruptedException, ExecutionException {
        Thread worker = new Thread(copy, "kyodo-compact-copy");
        worker.setDaemon(true);
        worker.start();
        try {
            copy.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            worker.interrupt();
            worker.join();
            return false;
        }
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every system opens a directory: the rename reaches the device with the next sync
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the next recover() removes it
        }
    }
}
