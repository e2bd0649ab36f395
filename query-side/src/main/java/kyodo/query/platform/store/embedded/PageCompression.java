package kyodo.query.platform.store.embedded;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.nio.file.Path;

/**
 * Whether the {@link EmbeddedReadStore}'s file compresses the pages it writes (LZF, fixed when the file
 * opens). The server's store does. A replay's does not (ADR 17, issue 13): it rewrites every document
 * several times, and each commit compressed every page it wrote again, a fifth of the replay's samples. A
 * store opened uncompressed marks its catalog, and the mark stays until the file has been copied into a
 * compressed one: always when such a store closes, else (a process killed, a copy given up) when a
 * compressing store opens it, before anything reads it. So the pages on disk are compressed once, by the
 * copy, and a file left by a replay never stays twice its size.
 */
final class PageCompression {

    private static final String MARK = "uncompressed";

    private PageCompression() {
    }

    /**
     * Opens the file over an asynchronous channel, as the event store's H2 files ({@code EmbeddedFiles}): a
     * reader interrupted in a plain channel's read (Reactor interrupts a blocking read when the request's
     * client hangs up) closes the channel, and with it the store for every later request.
     */
    static MVStore open(Path file, int cacheMegabytes, boolean compressed) {
        MVStore.Builder builder = new MVStore.Builder().fileName("async:" + file)
                .autoCommitDisabled().autoCommitBufferSize(0).cacheSize(cacheMegabytes);
        MVStore store = (compressed ? builder.compress() : builder).open();
        store.setRetentionTime(EmbeddedReadStore.RETENTION_MILLIS);
        return store;
    }

    /** Whether the file holds pages written uncompressed that no copy has compressed since. */
    static boolean marked(MVStore store) {
        return catalog(store).containsKey(MARK);
    }

    /** Marks a file opened uncompressed (in its next commit); unmarks one opened compressed, which was copied. */
    static void record(MVStore store, boolean compressed) {
        if (compressed) {
            catalog(store).remove(MARK);
        } else {
            catalog(store).put(MARK, "");
        }
    }

    /** After the closed file was copied into a compressed one: removes the mark the copy kept. */
    static void unmark(Path file) {
        MVStore store = open(file, 1, true);
        try {
            record(store, true);
            store.commit();
        } finally {
            store.close(0);
        }
    }

    private static MVMap<String, String> catalog(MVStore store) {
        return store.openMap("catalog");
    }
}
