package kyodo.kernel.problem;

import java.util.Locale;
import java.util.Objects;

/**
 * A stable kind of failure, published as {@code type} in {@code application/problem+json}. The
 * slug never changes once released; titles are for people, Japanese first.
 *
 * @param slug    stable code, e.g. {@code proposal-already-decided}
 * @param status  HTTP status it maps to
 * @param titleJa Japanese title (the default)
 * @param titleEn English title
 */
public record ProblemType(String slug, int status, String titleJa, String titleEn) implements ProblemKind {

    public ProblemType {
        Objects.requireNonNull(slug, "slug");
        if (!slug.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("problem slug must be kebab-case: " + slug);
        }
    }

    /** Itself. */
    @Override
    public ProblemType type() {
        return this;
    }

    /** The value of the {@code type} member. */
    public String uri() {
        return "/problems/" + slug;
    }

    /** Japanese unless the reader prefers English. */
    public String title(Locale locale) {
        return ProblemRendering.english(locale) ? titleEn : titleJa;
    }
}
