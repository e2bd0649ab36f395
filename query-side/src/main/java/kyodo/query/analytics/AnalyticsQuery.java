package kyodo.query.analytics;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.query.listing.ListParameters;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request for the rows of a read model, validated against the catalogue: equality filters on
 * dimensions and the dimensions to group by. {@link #parse} refuses bad input all at once with one
 * invalid-input problem naming every bad parameter.
 *
 * @param model   the read model
 * @param filters dimension name → value as stored, in the schema's dimension order
 * @param groupBy dimensions to group by, in the order given (rows are sorted by them in that order)
 */
public record AnalyticsQuery(ReadModelSchema model, Map<String, Object> filters, List<String> groupBy) {

    /** {@code groupBy=none}: one row over everything that matches the filters. */
    public static final String NO_GROUPING = "none";

    public AnalyticsQuery {
        filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
        groupBy = List.copyOf(groupBy);
    }

    /**
     * Validates raw query parameters (name → values). Every dimension is a filter; {@code groupBy}
     * is a comma-separated list of dimension names, each at most once, or {@code none}; absent, the
     * model's default applies. Any other parameter is refused, so that a misspelt filter is never
     * silently ignored.
     *
     * @throws KyodoProblemException invalid-input, with one field violation per bad parameter
     */
    public static AnalyticsQuery parse(ReadModelSchema model, Map<String, List<String>> params) {
        ListParameters in = new ListParameters(params);
        Map<String, Object> filters = new LinkedHashMap<>();
        for (Dimension dimension : model.dimensions()) {
            Object value = in.read(dimension.name(), dimension::parse, dimension.expected());
            if (value != null) {
                filters.put(dimension.name(), value);
            }
        }
        List<String> names = model.dimensions().stream().map(Dimension::name).toList();
        List<String> groupBy = in.read("groupBy", v -> groupBy(model, v),
                "a comma-separated list of distinct dimensions from " + String.join(", ", names) + ", or none");
        params.keySet().stream()
                .filter(name -> !name.equals("groupBy") && !names.contains(name))
                .sorted()
                .forEach(name -> in.refuse(name, "is not a filter of " + model.name() + "; filters are "
                        + String.join(", ", names)));
        in.done();
        return new AnalyticsQuery(model, filters, groupBy == null ? model.defaultGroupBy() : groupBy);
    }

    /** A query from Java (the ops export): filters given as text, as in a URL. */
    public static AnalyticsQuery of(String readModel, Map<String, String> filters, List<String> groupBy) {
        ReadModelSchema model = AnalyticsCatalogue.find(readModel).orElseThrow(() -> new KyodoProblemException(
                CommonProblems.NOT_FOUND, "No read model " + readModel + "."));
        Map<String, List<String>> params = new LinkedHashMap<>();
        filters.forEach((name, value) -> params.put(name, List.of(value)));
        if (groupBy != null) {
            params.put("groupBy", List.of(groupBy.isEmpty() ? NO_GROUPING : String.join(",", groupBy)));
        }
        return parse(model, params);
    }

    private static Optional<List<String>> groupBy(ReadModelSchema model, String value) {
        if (value.equals(NO_GROUPING)) {
            return Optional.of(List.of());
        }
        List<String> names = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String name = part.strip();
            if (model.dimension(name).isEmpty() || names.contains(name)) {
                return Optional.empty();
            }
            names.add(name);
        }
        return Optional.of(names);
    }

    /** The columns of this query's rows: the groupBy dimensions, then every measure. */
    public List<String> columns() {
        return model.columns(groupBy);
    }
}
