package kyodo.query.analytics;

import org.bson.Document;

import java.util.Map;

/**
 * Adds the facts of one group up into its measures. A read model supplies a fresh one per group;
 * grouping on read keeps every {@code groupBy} correct, since each row is computed from the facts
 * it covers and never from other rows.
 */
public interface Accumulator {

    /**
     * Adds one fact.
     *
     * @param fact  a fact document of the read model
     * @param value the value of the read model's multi-valued dimension this contribution is for
     *              (e.g. one theme), or null for the whole fact
     */
    void add(Document fact, String value);

    /** The measures, by name; every measure of the schema must be there (null where undefined). */
    Map<String, Object> measures();
}
