package kyodo.query.platform.store;

import org.bson.Document;

import java.util.Iterator;

/** Documents as the store hands them over; holds resources until closed or read to the end. */
public interface ReadCursor extends Iterator<Document>, AutoCloseable {

    @Override
    void close();
}
