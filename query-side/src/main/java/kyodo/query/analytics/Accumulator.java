package kyodo.query.analytics;

import org.bson.Document;

import java.util.Map;

/**
 * Adds the cells of one group up into its measures. A read model supplies a fresh one per group;
 * grouping on read keeps every {@code groupBy} correct, since each row is computed from the cells
 * it covers (each the sum of the facts of one combination of dimension values, {@link Cells}) and
 * never from other rows.
 */
public interface Accumulator {

    /**
     * Adds one cell.
     *
     * @param cell  a cell document of the read model
     * @param value the value of the read model's multi-valued dimension this contribution is for
     *              (e.g. one theme), or null for the whole cell
     */
    void add(Document cell, String value);

    /** The measures, by name; every measure of the schema must be there (null where undefined). */
    Map<String, Object> measures();
}
