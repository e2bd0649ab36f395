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

/** A query on the embedded engine: planned when its cursor opens, documents decoded one at a time. */
final class EmbeddedFind implements Find {

    private static final DocumentCodec DOCUMENTS = new DocumentCodec(MongoClientSettings.getDefaultCodecRegistry());

    private final EmbeddedCollection collection;
    private final Filter filter;
    private Sort sort = Sort.NONE;
    private Projection projection = Projection.NONE;
    private int skip;
    private int limit;

    EmbeddedFind(EmbeddedCollection collection, Filter filter) {
        this.collection = collection;
        this.filter = filter;
    }

    @Override
    public Find sort(Bson sort) {
        this.sort = Sort.compile(sort);
        return this;
    }

    @Override
    public Find skip(int skip) {
        if (skip < 0) {
            throw new IllegalArgumentException("skip must not be negative: " + skip);
        }
        this.skip = skip;
        return this;
    }

    @Override
    public Find limit(int limit) {
        // as the driver: a negative limit is a limit too (one batch, closed after it)
        this.limit = Math.abs(limit);
        return this;
    }

    @Override
    public Find projection(Bson projection) {
        this.projection = Projection.compile(projection);
        return this;
    }

    @Override
    public ReadCursor cursor() {
        Iterator<Planner.Hit> hits = Planner.find(collection, filter, sort, limit > 0 ? (long) skip + limit : 0);
        for (int i = 0; i < skip && hits.hasNext(); i++) {
            hits.next();
        }
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
                return projection.apply(new RawBsonDocument(hits.next().bytes()).decode(DOCUMENTS));
            }

            @Override
            public void close() {
                // nothing held: the maps' cursors read a snapshot and need no release
            }
        };
    }
}
