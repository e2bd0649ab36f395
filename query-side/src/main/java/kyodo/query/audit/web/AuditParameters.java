package kyodo.query.audit.web;

import kyodo.query.listing.ListParameters;

import java.util.List;
import java.util.Map;

/** Reading the whole-number parameters of the transparency endpoints, all errors at once. */
final class AuditParameters {

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

    /** A required whole number of at least {@code min}. */
    Long required(String name, long min) {
        Long value = whole(name, min, null);
        if (value == null && !params.refused(name)) {
            params.refuse(name, "is required");
        }
        return value;
    }

    /** Records a violation found across parameters. */
    void refuse(String name, String message) {
        params.refuse(name, message);
    }

    boolean refused(String name) {
        return params.refused(name);
    }

    /** Throws the invalid-input problem naming every bad parameter, if any. */
    void done() {
        params.done();
    }
}
