package kyodo.query.analytics;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import kyodo.query.platform.store.ReadCursor;
import kyodo.query.platform.store.ReadStore;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The rows of any read model for any filters and grouping, computed on read from its fact
 * documents: the facts that match the filters are streamed from the store sorted by the leading
 * single-valued groupBy dimensions, and each run of facts sharing those values is added up into its
 * groups and emitted, sorted by the groupBy dimensions ascending (nulls first), before the next run
 * is read. So memory holds the groups of one run, never all facts; only grouping by a multi-valued
 * dimension (a theme) first makes the whole result one run.
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

    /** The rows, streamed; the store is read on a worker thread and the cursor closed at the end or on cancel. */
    public Flux<AnalyticsRow> rows(AnalyticsQuery query) {
        return Flux.using(() -> new Rows(query), rows -> Flux.fromIterable(() -> rows), Rows::close)
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** As {@link #rows(AnalyticsQuery)}, filters given as text; an empty groupBy is one total row, null the default. */
    public Flux<AnalyticsRow> rows(String readModel, Map<String, String> filters, List<String> groupBy) {
        return Flux.defer(() -> rows(AnalyticsQuery.of(readModel, filters, groupBy)));
    }

    /** The rows on the calling thread, for a blocking caller (the ops export); close the stream when done. */
    public Stream<AnalyticsRow> stream(AnalyticsQuery query) {
        Rows rows = new Rows(query);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, 0), false).onClose(rows::close);
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

    /** The row iterator over one cursor. */
    private final class Rows implements Iterator<AnalyticsRow>, AutoCloseable {

        private final AnalyticsQuery query;
        private final List<Dimension> groupBy;
        /** The leading single-valued groupBy dimensions, which the store sorts by. */
        private final List<Dimension> sorted;
        /** The model's multi-valued dimension, or null. */
        private final Dimension multi;
        private final ReadCursor cursor;
        private final Deque<AnalyticsRow> ready = new ArrayDeque<>();
        private TreeMap<List<Object>, Accumulator> run = new TreeMap<>(KEY_ORDER);
        private List<Object> runPrefix;
        private boolean finished;
        private boolean anyGroup;

        Rows(AnalyticsQuery query) {
            this.query = query;
            ReadModelSchema model = query.model();
            this.groupBy = query.groupBy().stream().map(name -> model.dimension(name).orElseThrow()).toList();
            List<Dimension> leading = new ArrayList<>();
            for (Dimension d : groupBy) {
                if (d.multiValued()) {
                    break;
                }
                leading.add(d);
            }
            this.sorted = leading;
            this.multi = model.dimensions().stream().filter(Dimension::multiValued).findFirst().orElse(null);
            List<Bson> conditions = new ArrayList<>();
            query.filters().forEach((name, value) ->
                    conditions.add(Filters.eq(model.dimension(name).orElseThrow().field(), value)));
            var find = store.collection(model.collection())
                    .find(conditions.isEmpty() ? new Document() : Filters.and(conditions));
            if (!sorted.isEmpty()) {
                find = find.sort(Sorts.ascending(sorted.stream().map(Dimension::field).toList()));
            }
            this.cursor = find.cursor();
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty()) {
                if (cursor.hasNext()) {
                    add(cursor.next());
                } else if (!finished) {
                    finished = true;
                    if (!anyGroup && run.isEmpty() && groupBy.isEmpty()) {
                        // Without grouping, an empty result is still one row of zeros: "nothing matched" is an answer.
                        accumulator(List.of());
                    }
                    emitRun();
                } else {
                    return false;
                }
            }
            return true;
        }

        @Override
        public AnalyticsRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        @Override
        public void close() {
            cursor.close();
        }

        private void add(Document fact) {
            List<Object> prefix = sorted.stream().map(d -> fact.get(d.field())).toList();
            if (runPrefix != null && !Objects.equals(prefix, runPrefix)) {
                emitRun();
            }
            runPrefix = prefix;
            Object filtered = multi == null ? null : query.filters().get(multi.name());
            if (multi != null && groupBy.contains(multi)) {
                List<?> values = fact.getList(multi.field(), Object.class, List.of());
                List<Object> keys = values.isEmpty() ? java.util.Collections.singletonList(null) : List.copyOf(values);
                for (Object value : keys) {
                    if (filtered == null || filtered.equals(value)) {
                        accumulator(key(fact, value)).add(fact, (String) value);
                    }
                }
            } else {
                accumulator(key(fact, null)).add(fact, (String) filtered);
            }
        }

        private List<Object> key(Document fact, Object multiValue) {
            List<Object> key = new ArrayList<>(groupBy.size());
            for (Dimension d : groupBy) {
                key.add(d.multiValued() ? multiValue : fact.get(d.field()));
            }
            return key;
        }

        private Accumulator accumulator(List<Object> key) {
            return run.computeIfAbsent(key, k -> query.model().accumulator().get());
        }

        /** Moves the run's groups, in key order, to the rows ready to go. */
        private void emitRun() {
            anyGroup |= !run.isEmpty();
            run.forEach((key, accumulator) -> ready.add(row(key, accumulator)));
            run = new TreeMap<>(KEY_ORDER);
        }

        private AnalyticsRow row(List<Object> key, Accumulator accumulator) {
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
    }
}
