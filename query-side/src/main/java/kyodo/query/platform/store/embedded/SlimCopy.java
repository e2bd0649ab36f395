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

/**
 * A collection's documents with only the fields some indexes read, in a map of their own (number → those
 * fields as BSON), for an {@link IndexBuild} of several passes: its first pass reads the documents and
 * writes the copy, the later passes read the copy, a small fraction of the documents' pages. The build
 * removes it when it ends; one that a crash cut short leaves it to the next build, which empties it, or to
 * the next open ({@link #removeLeftovers}).
 */
final class SlimCopy {

    /** The prefix of the copies' map names. */
    private static final String PREFIX = "build\0";

    private SlimCopy() {
    }

    /** The collection's copy, empty. */
    static MVMap<Long, byte[]> open(EmbeddedCollection c) {
        MVMap<Long, byte[]> copy = c.store().map(PREFIX + c.name(), new MVMap.Builder<Long, byte[]>()
                .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        copy.clear();
        return copy;
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

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** The document with only the named fields, in its order. */
    static BsonDocument only(BsonDocument doc, Set<String> names) {
        BsonDocument kept = new BsonDocument();
        doc.forEach((name, value) -> {
            if (names.contains(name)) {
                kept.put(name, value);
            }
        });
        return kept;
    }
}
