package kyodo.query.platform.store;

/**
 * Where the read models live: named collections of BSON documents. Two engines implement it, and no
 * projection or query knows which one it talks to (ADR 17): a MongoDB server through the official
 * driver ({@code kyodo.mongodb.uri}), or the embedded engine in the data directory (the default).
 */
public interface ReadStore extends AutoCloseable {

    /** The collection of the processors' positions and claims ({@link ReadStoreTokenStore}). */
    String TRACKING_TOKENS = "trackingtokens";
    /** The collection of the serving query processes' heartbeats (segment sharing). */
    String QUERY_PROCESSES = "queryprocesses";
    /**
     * The processors' own bookkeeping, written every few seconds with no event coming (claims extended,
     * heartbeats), which no read model's reader reads: not counted by {@link #writeStamp()}.
     */
    java.util.Set<String> BOOKKEEPING = java.util.Set.of(TRACKING_TOKENS, QUERY_PROCESSES);

    /** The collection of that name; it exists from the first write. */
    ReadCollection collection(String name);

    /** The names of the collections that hold documents, sorted. */
    java.util.List<String> collectionNames();

    /**
     * Makes every write acknowledged so far survive a crash of this process before it returns (ADR 13):
     * a projection calls it after its documents and before it stores the position they cover. A
     * MongoDB server has them already (they are in its journal, in order, once acknowledged).
     */
    void makeDurable();

    /**
     * Whether this store commits the positions of {@link ReadStoreTokenStore} and the documents together,
     * each commit an atomic snapshot of every write that ended before it (ADR 13, update of issue 13): a
     * position written after the documents it covers is then never durable without them, and a
     * projection need not call {@link #makeDurable()} before it stores a position. The store's own
     * commits make both durable a little later; a crash loses at most what no commit covered yet, which
     * the processors re-deliver. False (the default): every position waits for {@link #makeDurable()}.
     */
    default boolean positionsCommitWithDocuments() {
        return false;
    }

    /**
     * Opens a rebuild: while it is open, a collection emptied whole ({@code deleteMany({})}, a
     * projection's reset) may be refilled without maintaining its non-unique indexes entry by entry;
     * they are then built once, sorted, when the last open rebuild closes, before that returns.
     * Queries meanwhile are answered without those indexes, never from half of one. An engine whose
     * indexes cost little per write (a MongoDB server) keeps them as they are.
     */
    default Rebuild rebuild() {
        return () -> { };
    }

    /**
     * Registers a task to run when the last open {@link #rebuild()} closes, before that builds what it
     * deferred (also after a failed replay: the close is in a {@code finally}); a projection that can
     * derive part of what it owns from the rest once, instead of keeping it write by write during a
     * replay, defers that part so (the analytics cells). Tasks run each once, side by side on the machine's
     * cores: a task must not depend on another.
     *
     * @return false, and nothing registered, when no rebuild is open (the engine then keeps none)
     */
    default boolean whenRebuilt(Runnable task) {
        return false;
    }

    /** An open {@link #rebuild()}; closing it builds what it deferred and makes it durable. */
    @FunctionalInterface
    interface Rebuild extends AutoCloseable {

        @Override
        void close();
    }

    /**
     * A stamp of the store's contents, for a reader that keeps what it computed from them: the number
     * of writes (to any collection but the {@link #BOOKKEEPING} ones) done so far, answered only while
     * none is running. Two equal stamps mean that no such write ran between the two calls, so whatever
     * was read between them (outside the bookkeeping) is still what the store holds. Empty while a write
     * runs, and always for an engine that cannot tell (a MongoDB server, which other processes write
     * too): then nothing may be kept.
     */
    default java.util.OptionalLong writeStamp() {
        return java.util.OptionalLong.empty();
    }

    /** For the start-up line and {@code /actuator/info}: the engine and where, never a password. */
    String describe();

    @Override
    void close();
}
