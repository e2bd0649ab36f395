package kyodo.query.analytics;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a read model: the group's dimension values, then its measures, by column name in
 * column order. JSON, NDJSON and CSV all write these same rows.
 */
public record AnalyticsRow(Map<String, Object> values) {

    public AnalyticsRow {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @JsonValue
    public Map<String, Object> values() {
        return values;
    }

    /** The values in the order of the given columns. */
    public List<Object> in(List<String> columns) {
        return columns.stream().map(values::get).toList();
    }
}
