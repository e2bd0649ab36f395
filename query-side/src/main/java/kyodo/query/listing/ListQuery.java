package kyodo.query.listing;

import kyodo.query.platform.store.ReadCollection;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.List;
import java.util.function.Function;

/**
 * A feature's validated list request (e.g. {@code ProposalListQuery}): its store filter and order,
 * and the page it asks for. How a page is cut from the store is written here once for every list.
 */
public interface ListQuery {

    /** The store filter: every given condition must hold. */
    Bson filter();

    /** The order, with the id as tie-breaker so that pages neither overlap nor skip. */
    Bson sort();

    /** 0-based page number. */
    int page();

    /** Items per page. */
    int size();

    /** Documents before the page; a page beyond any list skips them all (no int overflow). */
    default int skip() {
        return (int) Math.min(Integer.MAX_VALUE, (long) page() * size());
    }

    /**
     * One page of the documents matching {@code filter}, in order, read with only {@code fields} and
     * mapped to items, and how many match in all. Blocking.
     */
    default <T, P> P readPage(ReadCollection collection, Bson filter, Bson fields, Function<Document, T> item,
                              PageOf<T, P> pageOf) {
        long total = collection.count(filter);
        return pageOf.page(readItems(collection, filter, fields, item), page(), size(), total);
    }

    /** This page's items alone, for a reader that needs no total (counting can cost more than the page). */
    default <T> List<T> readItems(ReadCollection collection, Bson filter, Bson fields, Function<Document, T> item) {
        return collection.find(filter).projection(fields).sort(sort()).skip(skip()).limit(size()).map(item);
    }

    /** A feature's page record, e.g. {@code ProposalPage::new}. */
    @FunctionalInterface
    interface PageOf<T, P> {
        P page(List<T> items, int page, int size, long total);
    }
}
