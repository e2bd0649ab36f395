package kyodo.query.platform.store;

import com.mongodb.client.model.Indexes;

import java.util.ArrayList;
import java.util.List;

/**
 * The indexes a filtered, ordered, paged list needs, declared the same way for every engine: for each
 * order, one index on {@code (order, _id)} and one on {@code (filter, order, _id)} per equality filter
 * (equality first, then the sort, then the tie-breaker, so a page is a walk of one index in either
 * direction), and an index on the search tokens (its entries are the postings of each token).
 * A scope field (e.g. {@code listed}) that every list filters on leads every index, the tokens' too,
 * so that the postings alone answer a search and its count, without reading a document.
 */
public final class ListIndexes {

    private ListIndexes() {
    }

    /**
     * @param scope   a field every list query fixes by equality, or null
     * @param filters fields lists filter on by equality
     * @param orders  fields lists sort on (with {@code _id} as the tie-breaker in the same direction)
     * @param tokens  the search-token field, or null
     */
    public static void declare(ReadCollection collection, String scope, List<String> filters, List<String> orders,
                               String tokens) {
        for (String order : orders) {
            collection.createIndex(Indexes.ascending(fields(scope, null, order)));
            for (String filter : filters) {
                collection.createIndex(Indexes.ascending(fields(scope, filter, order)));
            }
        }
        if (tokens != null) {
            collection.createIndex(Indexes.ascending(scope == null ? List.of(tokens) : List.of(scope, tokens)));
        }
    }

    private static List<String> fields(String scope, String filter, String order) {
        List<String> fields = new ArrayList<>();
        if (scope != null) {
            fields.add(scope);
        }
        if (filter != null) {
            fields.add(filter);
        }
        fields.add(order);
        fields.add("_id");
        return fields;
    }
}
