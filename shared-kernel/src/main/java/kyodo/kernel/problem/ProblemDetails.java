package kyodo.kernel.problem;

import java.util.List;
import java.util.Map;

/**
 * A problem in a serialisable shape: the {@code details} of a command failure as it crosses a
 * message bus, and the body of every error answer ({@link ProblemRendering} turns it into bytes).
 *
 * @param retryAfterSeconds how long the caller should wait before trying again, for the
 *                          {@code Retry-After} header; {@code null} when the problem names no wait
 */
public record ProblemDetails(String slug, int status, String titleJa, String titleEn, String detail,
                             List<FieldViolation> errors, Map<String, Object> properties, Long retryAfterSeconds) {

    public ProblemDetails {
        errors = errors == null ? List.of() : List.copyOf(errors);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        if (retryAfterSeconds != null && retryAfterSeconds < 1) {
            throw new IllegalArgumentException("Retry-After must be at least one second: " + retryAfterSeconds);
        }
    }

    /** A problem that names no wait. */
    public ProblemDetails(String slug, int status, String titleJa, String titleEn, String detail,
                          List<FieldViolation> errors, Map<String, Object> properties) {
        this(slug, status, titleJa, titleEn, detail, errors, properties, null);
    }

    public static ProblemDetails of(ProblemType type, String detail) {
        return new ProblemDetails(type.slug(), type.status(), type.titleJa(), type.titleEn(), detail, List.of(),
                Map.of());
    }

    public static ProblemDetails of(ProblemType type, String detail, List<FieldViolation> errors) {
        return new ProblemDetails(type.slug(), type.status(), type.titleJa(), type.titleEn(), detail, errors,
                Map.of());
    }

    /** The same problem, asking the caller to wait this many seconds (e.g. a throttle's remaining time). */
    public ProblemDetails retryAfter(long seconds) {
        return new ProblemDetails(slug, status, titleJa, titleEn, detail, errors, properties, seconds);
    }

    public ProblemType type() {
        return new ProblemType(slug, status, titleJa, titleEn);
    }

    /**
     * The RFC 9457 body: {@code type, title, status, detail}, {@code errors} for invalid input,
     * then the extension members. Only {@link ProblemRendering} writes it out, so that every part of
     * the platform answers the same failure with the same bytes.
     */
    public Map<String, Object> toBody(java.util.Locale locale, String instance) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        ProblemType type = type();
        body.put("type", type.uri());
        body.put("title", type.title(locale));
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        if (instance != null) {
            body.put("instance", instance);
        }
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        properties.forEach(body::putIfAbsent);
        return body;
    }
}
