package kyodo.kernel.problem;

import java.util.List;
import java.util.Map;

/**
 * A refusal with a stable problem type: the edge answers it as {@code application/problem+json}.
 * Aggregates throw it when a rule refuses a command; it carries the data that explains why.
 */
public class KyodoProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldViolation> errors;
    private final Map<String, Object> properties;

    public KyodoProblemException(ProblemKind kind, String detail) {
        this(kind, detail, List.of(), Map.of());
    }

    public KyodoProblemException(ProblemKind kind, String detail, List<FieldViolation> errors,
                                 Map<String, Object> properties) {
        super(detail, null, false, false);
        this.type = kind.type();
        this.errors = List.copyOf(errors);
        this.properties = Map.copyOf(properties);
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldViolation> errors() {
        return errors;
    }

    /** Extension members of the problem, e.g. {@code currentStatus}. */
    public Map<String, Object> properties() {
        return properties;
    }

    /** The transportable form, for buses that do not carry exception classes (Axon Server). */
    public ProblemDetails toDetails() {
        return new ProblemDetails(type.slug(), type.status(), type.titleJa(), type.titleEn(), detail(), errors,
                properties);
    }
}
