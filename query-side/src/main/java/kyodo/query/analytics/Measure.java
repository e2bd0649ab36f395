package kyodo.query.analytics;

/**
 * A figure a read model's rows carry for each group.
 *
 * @param name    its name in rows and CSV headers
 * @param type    {@code integer} or {@code number}, as JSON carries it
 * @param unit    {@code count}, {@code yen}, {@code days}, {@code ratio}
 * @param meaning what it counts or measures, precisely enough to recompute it
 */
public record Measure(String name, String type, String unit, String meaning) {

    public static Measure count(String name, String meaning) {
        return new Measure(name, "integer", "count", meaning);
    }

    public static Measure yen(String name, String meaning) {
        return new Measure(name, "integer", "yen", meaning);
    }

    public static Measure ratio(String name, String meaning) {
        return new Measure(name, "number", "ratio", meaning);
    }

    public static Measure days(String name, String type, String meaning) {
        return new Measure(name, type, "days", meaning);
    }
}
