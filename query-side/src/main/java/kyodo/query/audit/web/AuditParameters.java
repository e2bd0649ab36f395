package kyodo.query.audit.web;

import kyodo.query.listing.ListParameters;

import java.util.List;
import java.util.Map;

/** Reading the whole-number parameters of the transparency endpoints, all errors at once. */
final class AuditParameters {

    /** How many entries or checkpoints a page holds when the request does not say. */
    private static final long DEFAULT_LIMIT = 100;

    private final ListParameters params;

    AuditParameters(Map<String, List<String>> params) {
        this.params = new ListParameters(params);
    }

    /** A whole number of at least {@code min}; {@code fallback} when absent. */
    Long whole(String name, long min, Long fallback) {
        Long value = params.read(name, v -> ListParameters.whole(v).filter(n -> n >= min),
                "a whole number >= " + min);
        return value == null && !params.refused(name) ? fallback : value;
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when absent. */
    Long whole(String name, long min, long max, Long fallback) {
        Long value = params.read(name, v -> ListParameters.whole(v).filter(n -> n >= min && n <= max),
                "a whole number from " + min + " to " + max);
        return value == null && !params.refused(name) ? fallback : value;
    }

    /**
     * The page a request asks for, read and checked at once: {@code after} (0 when absent) and
     * {@code limit} (1 to {@code max}, 100 when absent); nothing else may be given.
     */
    static Page page(Map<String, List<String>> params, int max) {
        return new AuditParameters(params).page(max);
    }

    /** {@link #page(Map, int)} read by this reader, after whatever else it read; ends the reading. */
    Page page(int max) {
        Long after = whole("after", 0, 0L);
        Long limit = whole("limit", 1, max, DEFAULT_LIMIT);
        done();
        return new Page(after, limit.intValue());
    }

    /** The parameters being read, for a reader of further parameters (e.g. a filter) to record its refusals. */
    ListParameters list() {
        return params;
    }

    /**
     * Two positions of the log in order, read and checked at once: {@code low} (required) and
     * {@code high} (required or not; null when absent), whole numbers >= 1, {@code low} not above
     * {@code high}; nothing else may be given.
     */
    static Positions ordered(Map<String, List<String>> params, String low, String high, boolean highRequired) {
        AuditParameters read = new AuditParameters(params);
        Long lowValue = read.required(low, 1);
        Long highValue = highRequired ? read.required(high, 1) : read.whole(high, 1, null);
        if (lowValue != null && highValue != null && lowValue > highValue) {
            read.params.refuse(low, "must not exceed " + high);
        }
        read.done();
        return new Positions(lowValue, highValue);
    }

    /** A required whole number of at least {@code min}. */
    Long required(String name, long min) {
        Long value = whole(name, min, null);
        if (value == null && !params.refused(name)) {
            params.refuse(name, "is required");
        }
        return value;
    }

    /** Throws the invalid-input problem naming every bad parameter, if any. */
    void done() {
        params.done();
    }

    /**
     * A page of a log: what it follows and the most it holds.
     *
     * @param after the seq or tree size the page follows
     * @param limit the most the page holds
     */
    record Page(long after, int limit) {
    }

    /**
     * Two positions of the log, the first not above the second.
     *
     * @param low  the lower position
     * @param high the higher position, or null when it was optional and not given
     */
    record Positions(long low, Long high) {
    }
}
