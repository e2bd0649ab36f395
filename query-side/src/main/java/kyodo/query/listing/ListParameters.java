package kyodo.query.listing;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the raw query parameters of a list request one at a time and collects what is wrong with
 * each, so that a list query can refuse them all at once with one invalid-input problem naming
 * every bad parameter. Shared by the list queries of every feature, so that they all answer bad
 * input alike.
 * <p>
 * Blank values count as absent; a parameter given twice is refused; names never read are ignored.
 */
public final class ListParameters {

    /** The detail of the invalid-input problem every list answers. */
    public static final String INVALID_DETAIL = "Some list parameters are invalid.";
    /** Items per page when none is asked for, and the most a page holds: alike in every list. */
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    /** The longest free text ({@code q}) and the longest exact label ({@code theme}) a list is filtered by. */
    public static final int Q_MAX = 200;
    public static final int THEME_MAX = 50;

    private final Map<String, List<String>> params;
    private final List<FieldViolation> errors = new ArrayList<>();

    public ListParameters(Map<String, List<String>> params) {
        this.params = params;
    }

    /**
     * The parameter's value, parsed; null when absent or invalid (then a violation is recorded).
     *
     * @param parser   empty for a value it refuses
     * @param expected completes "must be …" in the violation's message
     */
    public <T> T read(String name, Function<String, Optional<T>> parser, String expected) {
        List<String> values = params.getOrDefault(name, List.of()).stream()
                .filter(v -> v != null && !v.isBlank()).toList();
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            errors.add(new FieldViolation(name, "give it once"));
            return null;
        }
        Optional<T> parsed = parser.apply(values.get(0).strip());
        if (parsed.isEmpty()) {
            errors.add(new FieldViolation(name, "must be " + expected));
            return null;
        }
        return parsed.get();
    }

    /**
     * The page number and size, defaults for absent ones, refusing a page so far that its offset
     * would overflow.
     */
    public Paging paging(int defaultSize, int maxSize) {
        Long page = read("page", v -> whole(v).filter(p -> p >= 0 && p <= Integer.MAX_VALUE),
                "a whole number >= 0");
        Long size = read("size", v -> whole(v).filter(s -> s >= 1 && s <= maxSize),
                "a whole number from 1 to " + maxSize);
        int pageNumber = page == null ? 0 : page.intValue();
        int pageSize = size == null ? defaultSize : size.intValue();
        if (page != null && size != null && (long) pageNumber * pageSize > Integer.MAX_VALUE) {
            errors.add(new FieldViolation("page", "too far: page × size must stay below " + Integer.MAX_VALUE));
        }
        return new Paging(pageNumber, pageSize);
    }

    /** {@code page} and {@code size}, as every list pages. */
    public Paging paging() {
        return paging(DEFAULT_SIZE, MAX_SIZE);
    }

    /** {@code q}: the words to find, at most {@value #Q_MAX} characters. */
    public String words() {
        return text("q", Q_MAX);
    }

    /** {@code theme}: an exact label, at most {@value #THEME_MAX} characters. */
    public String theme() {
        return text("theme", THEME_MAX);
    }

    /** {@code ward}: a ward's code. */
    public Ward ward() {
        return read("ward", Ward::fromCode, oneOf(Arrays.stream(Ward.values()).map(Ward::code).toList()));
    }

    /** {@code fiscalYear}: a fiscal year by its starting year, within the years the platform knows. */
    public Integer fiscalYear() {
        Long year = read("fiscalYear", v -> whole(v).filter(y -> y >= FiscalYear.MIN_YEAR && y <= FiscalYear.MAX_YEAR),
                "a year from " + FiscalYear.MIN_YEAR + " to " + FiscalYear.MAX_YEAR);
        return year == null ? null : year.intValue();
    }

    /** Free text of at most {@code max} characters. */
    public String text(String name, int max) {
        return read(name, v -> Optional.of(v).filter(t -> length(t) <= max), "at most " + max + " characters");
    }

    /** {@code sort}: one of the orders, else (absent or refused) the default one. */
    public String sort(List<String> orders, String defaultOrder) {
        String sort = read("sort", v -> Optional.of(v).filter(orders::contains), oneOf(orders));
        return sort == null ? defaultOrder : sort;
    }

    /**
     * One of an enum's constants, named in any case (e.g. {@code status=accepted}); a value that names
     * none is refused naming them all.
     */
    public <E extends Enum<E>> E choice(String name, Class<E> type) {
        return read(name, v -> constant(type, v), oneOf(names(type)));
    }

    /** Records a violation found by a check across parameters (e.g. a range given backwards). */
    public void refuse(String name, String message) {
        errors.add(new FieldViolation(name, message));
    }

    /** Whether the parameter read under this name was refused. */
    public boolean refused(String name) {
        return errors.stream().anyMatch(e -> e.field().equals(name));
    }

    /**
     * Ends the reading.
     *
     * @throws KyodoProblemException invalid-input with every violation, in the order found
     */
    public void done() {
        if (!errors.isEmpty()) {
            throw new KyodoProblemException(CommonProblems.INVALID_INPUT, INVALID_DETAIL, List.copyOf(errors),
                    Map.of());
        }
    }

    /**
     * A position named in a path (a log entry's seq, a tree size): a whole number of at least 1, or
     * the invalid-input problem naming it, as a bad list parameter is refused.
     */
    public static long position(String name, String value) {
        ListParameters in = new ListParameters(Map.of(name, value == null ? List.of() : List.of(value)));
        Long position = in.read(name, v -> whole(v).filter(n -> n >= 1), "a whole number >= 1");
        if (position == null && !in.refused(name)) {
            in.refuse(name, "is required");
        }
        in.done();
        return position;
    }

    /** Length in characters as people count them (code points). */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** "one of a, b, c", for a violation's message. */
    public static String oneOf(List<String> names) {
        return "one of " + String.join(", ", names);
    }

    /** The names of an enum's constants, in declaration order. */
    public static List<String> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }

    /** ASCII digits only (Java would also read full-width and other scripts' digits). */
    public static Optional<Long> whole(String value) {
        return value.matches("[+-]?[0-9]{1,18}") ? Optional.of(Long.parseLong(value)) : Optional.empty();
    }

    public static Optional<Boolean> bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** The constant of that name, case-insensitively. */
    public static <E extends Enum<E>> Optional<E> constant(Class<E> type, String value) {
        String wanted = value.toUpperCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equals(wanted)).findFirst();
    }

    /** A calendar date written {@code yyyy-MM-dd} in ASCII digits, and a real one (no February 30). */
    public static Optional<LocalDate> isoDate(String value) {
        if (!value.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * A page of a list.
     *
     * @param page 0-based page number
     * @param size items per page
     */
    public record Paging(int page, int size) {

        public int skip() {
            return page * size;
        }
    }
}
