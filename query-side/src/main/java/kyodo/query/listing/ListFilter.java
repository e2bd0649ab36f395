package kyodo.query.listing;

import com.mongodb.client.model.Filters;
import kyodo.query.search.SearchTokens;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The store filter of a list request, condition by condition: a filter the request did not ask
 * for (a null value) adds nothing, so every list reads the same way and matches alike.
 */
public final class ListFilter {

    private final List<Bson> conditions = new ArrayList<>();

    /** {@code field} equals {@code value}, when one was asked for. */
    public ListFilter eq(String field, Object value) {
        return and(value == null ? null : Filters.eq(field, value));
    }

    /** {@code field} equals the value as stored (its code or name), when one was asked for. */
    public <T> ListFilter eq(String field, T value, Function<T, ?> stored) {
        return eq(field, value == null ? null : stored.apply(value));
    }

    /** A condition of the feature's own, when it applies (not null). */
    public ListFilter and(Bson condition) {
        if (condition != null) {
            conditions.add(condition);
        }
        return this;
    }

    /**
     * Every condition and, when {@code q} has words, every word's search tokens (bigram match); all
     * documents when there is nothing to match.
     */
    public Bson matching(String q) {
        List<String> tokens = SearchTokens.ofQuery(q);
        if (!tokens.isEmpty()) {
            conditions.add(Filters.all("searchTokens", tokens));
        }
        return conditions.isEmpty() ? new Document() : Filters.and(conditions);
    }
}
