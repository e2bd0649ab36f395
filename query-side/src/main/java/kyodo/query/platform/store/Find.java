package kyodo.query.platform.store;

import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** A query being built: filter given, then order, page and fields; nothing is read until a terminal call. */
public interface Find {

    Find sort(Bson sort);

    Find skip(int skip);

    /** At most that many documents; 0 means no limit. */
    Find limit(int limit);

    Find projection(Bson projection);

    /** A cursor over the result; close it (try-with-resources) unless it was read to its end. */
    ReadCursor cursor();

    /** The first document of the result, or null. */
    default Document first() {
        try (ReadCursor cursor = limit(1).cursor()) {
            return cursor.hasNext() ? cursor.next() : null;
        }
    }

    /** Adds every document of the result to the target, and returns it. */
    default <C extends Collection<? super Document>> C into(C target) {
        try (ReadCursor cursor = cursor()) {
            cursor.forEachRemaining(target::add);
        }
        return target;
    }

    /** The result, each document mapped. */
    default <T> List<T> map(Function<Document, T> mapper) {
        List<T> mapped = new ArrayList<>();
        try (ReadCursor cursor = cursor()) {
            cursor.forEachRemaining(doc -> mapped.add(mapper.apply(doc)));
        }
        return mapped;
    }

    default void forEach(Consumer<Document> action) {
        try (ReadCursor cursor = cursor()) {
            cursor.forEachRemaining(action);
        }
    }
}
