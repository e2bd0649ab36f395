package kyodo.query.platform.store.embedded;

import org.bson.BsonDocument;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * A collection's documents with only the fields some indexes read, in a map of their own (number → those
 * fields as BSON), for an {@link IndexBuild} of several passes: its first pass reads the documents and
 * writes the copy, the later passes read the copy, a small fraction of the documents' pages. A copy that
 * is not much smaller than the documents is given up after a first sample (small documents, such as the
 * analytics' facts, are read again instead). The build removes the copy when it ends; one that a crash cut
 * short is left to the next build, which empties it, or to the next open ({@link #removeLeftovers}).
 */
final class SlimCopy {

    /** The prefix of the copies' map names. */
    private static final String PREFIX = "build\0";
    /** Documents copied before the copy's size is compared with theirs. */
    static final int SAMPLE = 1_000;
    /** The copy is kept if the sample's copies are at most this share of the documents' bytes. */
    private static final double WORTH = 0.5;

    private final EmbeddedReadStore store;
    private final Set<String> fields;
    private final MVMap<Long, byte[]> map;
    private long copies;
    private long documentBytes;
    private long copyBytes;

    private SlimCopy(EmbeddedReadStore store, Set<String> fields, MVMap<Long, byte[]> map) {
        this.store = store;
        this.fields = Set.copyOf(fields);
        this.map = map;
    }

    /** The collection's copy of the fields, empty. */
    static SlimCopy open(EmbeddedCollection c, Set<String> fields) {
        MVMap<Long, byte[]> map = c.store().map(PREFIX + c.name(), new MVMap.Builder<Long, byte[]>()
                .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        map.clear();
        return new SlimCopy(c.store(), fields, map);
    }

    /** Removes every copy a build that a crash cut short left in the file. */
    static void removeLeftovers(EmbeddedReadStore store) {
        MVStore file = store.file();
        file.getMapNames().stream().filter(name -> name.startsWith(PREFIX)).forEach(file::removeMap);
    }

    /** The top-level fields the indexes read. */
    static Set<String> fields(List<Index> indexes) {
        Set<String> read = new HashSet<>();
        indexes.forEach(index -> Arrays.stream(index.parts).forEach(path -> read.add(path[0])));
        return read;
    }

    /** The fields to decode from a document for both a pass and this copy. */
    Set<String> withFields(Set<String> read) {
        Set<String> all = new HashSet<>(read);
        all.addAll(fields);
        return all;
    }

    MVMap<Long, byte[]> map() {
        return map;
    }

    /**
     * Copies a document's fields (from {@code doc}, decoded with at least them); false, with the copy removed,
     * when the sample showed the copies are not much smaller than the documents.
     *
     * @param written told of each copy written (the build commits per so many)
     */
    boolean add(long number, int bytes, BsonDocument doc, IntConsumer written) {
        BsonDocument kept = new BsonDocument();
        doc.forEach((name, value) -> {
            if (fields.contains(name)) {
                kept.put(name, value);
            }
        });
        byte[] copy = BsonCoding.bytes(kept);
        map.put(number, copy);
        written.accept(1);
        documentBytes += bytes;
        copyBytes += copy.length;
        if (++copies == SAMPLE && copyBytes > WORTH * documentBytes) {
            remove();
            return false;
        }
        return true;
    }

    /** Removes the copy from the file. */
    void remove() {
        store.removeMap(map);
    }
}
