package kyodo.query.platform.store.embedded;

import org.bson.BsonDocument;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** A document, its bytes and its internal number; its fields are decoded as they are read. */
record Hit(long number, byte[] bytes, BsonDocument doc) {

    static Hit of(long number, byte[] bytes) {
        return new Hit(number, bytes, new LazyDocument(bytes));
    }

    /** The hits the filter matches, read from the source as they are asked for. */
    static Iterator<Hit> matching(Iterator<Hit> source, Filter filter) {
        return new Iterator<>() {
            private Hit next;

            @Override
            public boolean hasNext() {
                while (next == null && source.hasNext()) {
                    Hit hit = source.next();
                    next = filter.matches(hit.doc()) ? hit : null;
                }
                return next != null;
            }

            @Override
            public Hit next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Hit hit = next;
                next = null;
                return hit;
            }
        };
    }
}
