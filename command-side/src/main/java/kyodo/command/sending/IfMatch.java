package kyodo.command.sending;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;

import java.util.List;
import java.util.Map;

/**
 * Reads {@code If-Match} as the aggregate version a command expects. Absent or {@code *} means
 * "the current version"; {@code "N"} (or {@code W/"N"}) means exactly N, else 412.
 */
public final class IfMatch {

    private IfMatch() {
    }

    /** The expected version, or null when the command applies to the current version. */
    public static Long expectedVersion(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            long version = Long.parseLong(value);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw new KyodoProblemException(CommonProblems.INVALID_INPUT,
                    "If-Match must be an ETag from an earlier answer, such as \"3\".",
                    List.of(new FieldViolation("If-Match", "not a version ETag")), Map.of());
        }
    }
}
