package kyodo.kernel;

import java.util.Collection;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * One store a running kyodo uses, for the single start-up line that tells an operator where the
 * data lives ("events: H2 file …, read models: MongoDB …").
 *
 * @param role        what it holds: {@code events}, {@code read-models}, {@code keys}
 * @param description engine and location, never credentials
 */
public record StoreInUse(String role, String description) {

    /** The start-up line: every store, in a stable order. */
    public static String summary(Collection<StoreInUse> stores) {
        return stores.stream()
                .sorted(Comparator.comparing(StoreInUse::role))
                .map(s -> s.role() + "=" + s.description())
                .distinct()
                .collect(Collectors.joining(", ", "kyodo stores: ", ""));
    }

    /** Strips user info and query parameters from a connection string before it is logged. */
    public static String redact(String uri) {
        if (uri == null) {
            return "";
        }
        String redacted = uri;
        int scheme = redacted.indexOf("://");
        int at = redacted.lastIndexOf('@');
        if (scheme >= 0 && at > scheme) {
            // credentials end at the last '@', whatever characters a careless password holds
            redacted = redacted.substring(0, scheme + 3) + "***" + redacted.substring(at);
        }
        return redacted.replaceAll("\\?.*$", "");
    }
}
