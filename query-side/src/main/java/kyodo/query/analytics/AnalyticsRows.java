package kyodo.query.analytics;

import com.mongodb.client.model.Filters;
import kyodo.query.platform.store.ReadStore;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The rows of any read model for any filters and grouping, added up on read from its cells
 * ({@link Cells}) of the coarsest {@link Grain} that holds every dimension asked for: the cells that
 * match the filters (on MongoDB through an index on the filtered
 * dimension) are read and added up per group, and the groups are emitted sorted by the groupBy
 * dimensions ascending (nulls first). A cell holds the sums of the facts of one combination of
 * dimension values, so a query reads at most as many documents as combinations occur, whatever
 * the number of facts; memory holds the groups.
 * <p>
 * The web layer writes these rows as JSON, NDJSON or CSV; the ops export writes them to files.
 */
@Component
public class AnalyticsRows {

    private static final Comparator<List<Object>> KEY_ORDER = AnalyticsRows::compareKeys;

    private final ReadStore store;

    public AnalyticsRows(ReadStore store) {
        this.store = store;
    }

    /** The rows, computed on a worker thread. */
    public Flux<AnalyticsRow> rows(AnalyticsQuery query) {
        return Flux.defer(() -> Flux.fromIterable(compute(query))).subscribeOn(Schedulers.boundedElastic());
    }

    /** As {@link #rows(AnalyticsQuery)}, filters given as text; an empty groupBy is one total row, null the default. */
    public Flux<AnalyticsRow> rows(String readModel, Map<String, String> filters, List<String> groupBy) {
        return Flux.defer(() -> rows(AnalyticsQuery.of(readModel, filters, groupBy)));
    }

    /** The rows on the calling thread, for a blocking caller (the ops export); close the stream when done. */
    public Stream<AnalyticsRow> stream(AnalyticsQuery query) {
        return compute(query).stream();
    }

    /**
     * Every read model's generation: it moves whenever the model's rows may have changed, so rows
     * computed at equal generations are equal. Read on a worker thread.
     */
    public Mono<Map<String, Long>> generations() {
        return Mono.fromCallable(() -> Cells.generations(store)).subscribeOn(Schedulers.boundedElastic());
    }

    private List<AnalyticsRow> compute(AnalyticsQuery query) {
        ReadModelSchema model = query.model();
        List<Dimension> groupBy = query.groupBy().stream().map(name -> model.dimension(name).orElseThrow()).toList();
        Dimension multi = model.dimensions().stream().filter(Dimension::multiValued).findFirst().orElse(null);
        Object filtered = multi == null ? null : query.filters().get(multi.name());
        List<Bson> conditions = new ArrayList<>();
        query.filters().forEach((name, value) ->
                conditions.add(Filters.eq(model.dimension(name).orElseThrow().field(), value)));
        TreeMap<List<Object>, Accumulator> groups = new TreeMap<>(KEY_ORDER);
        Set<String> asked = new HashSet<>(query.groupBy());
        asked.addAll(query.filters().keySet());
        Bson filter = conditions.isEmpty() ? new Document() : Filters.and(conditions);
        store.collection(Grain.covering(model, asked).collection()).find(filter).forEach(cell -> {
            if (((Number) cell.get(Cells.COUNT)).longValue() == 0) {
                return; // emptied by a move and about to be removed
            }
            if (multi != null && groupBy.contains(multi)) {
                List<?> values = cell.getList(multi.field(), Object.class, List.of());
                for (Object value : values.isEmpty() ? Collections.singletonList(null) : values) {
                    if (filtered == null || filtered.equals(value)) {
                        groups.computeIfAbsent(key(groupBy, cell, value), k -> model.accumulator().get())
                                .add(cell, (String) value);
                    }
                }
            } else {
                groups.computeIfAbsent(key(groupBy, cell, null), k -> model.accumulator().get())
                        .add(cell, (String) filtered);
            }
        });
        if (groups.isEmpty() && groupBy.isEmpty()) {
            // Without grouping, an empty result is still one row of zeros: "nothing matched" is an answer.
            groups.put(List.of(), model.accumulator().get());
        }
        List<AnalyticsRow> rows = new ArrayList<>(groups.size());
        groups.forEach((key, accumulator) -> rows.add(row(query, groupBy, key, accumulator)));
        return rows;
    }

    private static List<Object> key(List<Dimension> groupBy, Document cell, Object multiValue) {
        List<Object> key = new ArrayList<>(groupBy.size());
        for (Dimension d : groupBy) {
            key.add(d.multiValued() ? multiValue : cell.get(d.field()));
        }
        return key;
    }

    private static AnalyticsRow row(AnalyticsQuery query, List<Dimension> groupBy, List<Object> key,
                                    Accumulator accumulator) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < groupBy.size(); i++) {
            values.put(groupBy.get(i).name(), key.get(i));
        }
        Map<String, Object> measures = accumulator.measures();
        for (Measure measure : query.model().measures()) {
            if (!measures.containsKey(measure.name())) {
                throw new IllegalStateException(query.model().name() + " lacks measure " + measure.name());
            }
            values.put(measure.name(), measures.get(measure.name()));
        }
        return new AnalyticsRow(values);
    }

    private static int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = compareValues(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return ((Comparable) a).compareTo(b);
    }
}
