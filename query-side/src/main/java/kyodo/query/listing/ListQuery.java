package kyodo.query.listing;

import com.mongodb.client.model.Filters;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.search.SearchTokens;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
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

    /** The page's documents among those matching {@code filter}, in order, with only {@code fields}, mapped. Blocking. */
    default <T> List<T> items(ReadCollection collection, Bson filter, Bson fields, Function<Document, T> item) {
        return collection.find(filter).projection(fields).sort(sort()).skip(skip()).limit(size()).map(item);
    }

    /**
     * A list's store filter: every one of the feature's {@code conditions} and, when {@code q} has
     * words, every word's search tokens (bigram match); all documents when there is nothing to match.
     */
    static Bson matching(List<Bson> conditions, String q) {
        List<Bson> all = new ArrayList<>(conditions);
        List<String> tokens = SearchTokens.ofQuery(q);
        if (!tokens.isEmpty()) {
            all.add(Filters.all("searchTokens", tokens));
        }
        return all.isEmpty() ? new Document() : Filters.and(all);
    }
}
