package kyodo.query.platform.store.embedded;

import com.mongodb.MongoClientSettings;
import kyodo.query.platform.store.Find;
import kyodo.query.platform.store.ReadCursor;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.conversions.Bson;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A query on the embedded engine, each step a new value (as the driver's): planned when its cursor
 * opens, documents decoded one at a time.
 */
final class EmbeddedFind implements Find {

    private static final DocumentCodec DOCUMENTS = new DocumentCodec(MongoClientSettings.getDefaultCodecRegistry());

    private final EmbeddedCollection collection;
    private final Filter filter;
    private final Sort sort;
    private final Projection projection;
    private final int skip;
    private final int limit;

    EmbeddedFind(EmbeddedCollection collection, Filter filter) {
        this(collection, filter, Sort.NONE, Projection.NONE, 0, 0);
    }

    private EmbeddedFind(EmbeddedCollection collection, Filter filter, Sort sort, Projection projection, int skip,
                         int limit) {
        this.collection = collection;
        this.filter = filter;
        this.sort = sort;
        this.projection = projection;
        this.skip = skip;
        this.limit = limit;
    }

    @Override
    public Find sort(Bson sort) {
        return new EmbeddedFind(collection, filter, Sort.compile(sort), projection, skip, limit);
    }

    @Override
    public Find skip(int skip) {
        if (skip < 0) {
            throw new IllegalArgumentException("skip must not be negative: " + skip);
        }
        return new EmbeddedFind(collection, filter, sort, projection, skip, limit);
    }

    @Override
    public Find limit(int limit) {
        // as the driver: a negative limit is a limit too (one batch, closed after it)
        return new EmbeddedFind(collection, filter, sort, projection, skip, Math.abs(limit));
    }

    @Override
    public Find projection(Bson projection) {
        return new EmbeddedFind(collection, filter, sort, Projection.compile(projection), skip, limit);
    }

    @Override
    public ReadCursor cursor() {
        Iterator<Hit> hits = Planner.find(collection, filter, sort, skip, limit);
        return new ReadCursor() {
            private int returned;

            @Override
            public boolean hasNext() {
                return (limit == 0 || returned < limit) && hits.hasNext();
            }

            @Override
            public Document next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                returned++;
                return projection.apply(new RawBsonDocument(projection.keep(hits.next().bytes())).decode(DOCUMENTS));
            }

            @Override
            public void close() {
                // nothing held: the maps' cursors read a snapshot and need no release
            }
        };
    }
}
