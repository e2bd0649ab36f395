package kyodo.query.proposal;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.ProposalStatus;
import kyodo.query.search.SearchTokens;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A proposal list request, validated: the filters, the page and the order. {@link #parse} turns raw
 * query parameters into one, or refuses them all at once with an invalid-input problem naming
 * every bad parameter, so that no malformed filter ever reaches the store.
 *
 * @param ward       only this ward's proposals, or null
 * @param status     only proposals in this status, or null
 * @param theme      only proposals carrying this theme label (exact), or null
 * @param programme  only proposals of this programme, or null
 * @param fiscalYear only proposals submitted in this fiscal year, or null
 * @param overdue    true: only overdue ones; false: only those not overdue; null: both
 * @param q          free text: every word must occur in the title or body (bigram match), or null
 * @param page       0-based page number
 * @param size       items per page, 1..{@value #MAX_SIZE}
 * @param sortField  {@code submittedAt} or {@code dueOn}
 * @param descending whether newest (latest) first
 */
public record ProposalListQuery(Ward ward, ProposalStatus status, String theme, ProposalProgramme programme,
                                Integer fiscalYear, Boolean overdue, String q, int page, int size,
                                String sortField, boolean descending) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    public static final int Q_MAX = 200;
    public static final int THEME_MAX = 50;
    public static final List<String> SORTS = List.of("submittedAt", "-submittedAt", "dueOn", "-dueOn");
    public static final String DEFAULT_SORT = "-submittedAt";

    /** Everything, newest first, first page. */
    public static ProposalListQuery all() {
        return parse(Map.of());
    }

    /**
     * Validates raw query parameters (name → values, as a web framework hands them over). Blank
     * values count as absent; a parameter given twice is refused; names not listed here are ignored.
     *
     * @throws KyodoProblemException invalid-input, with one field violation per bad parameter
     */
    public static ProposalListQuery parse(Map<String, List<String>> params) {
        Reader in = new Reader(params);
        Ward ward = in.read("ward", Ward::fromCode,
                "one of " + names(Arrays.stream(Ward.values()).map(Ward::code).toList()));
        ProposalStatus status = in.read("status", v -> constant(ProposalStatus.class, v),
                "one of " + names(Arrays.stream(ProposalStatus.values()).map(Enum::name).toList()));
        ProposalProgramme programme = in.read("programme", v -> constant(ProposalProgramme.class, v),
                "one of " + names(Arrays.stream(ProposalProgramme.values()).map(Enum::name).toList()));
        String theme = in.read("theme", v -> Optional.of(v).filter(t -> length(t) <= THEME_MAX),
                "at most " + THEME_MAX + " characters");
        Long fiscalYear = in.read("fiscalYear", v -> whole(v)
                        .filter(y -> y >= FiscalYear.MIN_YEAR && y <= FiscalYear.MAX_YEAR),
                "a year from " + FiscalYear.MIN_YEAR + " to " + FiscalYear.MAX_YEAR);
        Boolean overdue = in.read("overdue", ProposalListQuery::bool, "true or false");
        String q = in.read("q", v -> Optional.of(v).filter(t -> length(t) <= Q_MAX),
                "at most " + Q_MAX + " characters");
        Long page = in.read("page", v -> whole(v).filter(p -> p >= 0 && p <= Integer.MAX_VALUE),
                "a whole number >= 0");
        Long size = in.read("size", v -> whole(v).filter(s -> s >= 1 && s <= MAX_SIZE),
                "a whole number from 1 to " + MAX_SIZE);
        String sort = in.read("sort", v -> Optional.of(v).filter(SORTS::contains), "one of " + names(SORTS));
        int pageNumber = page == null ? 0 : page.intValue();
        int pageSize = size == null ? DEFAULT_SIZE : size.intValue();
        if (page != null && size != null && (long) pageNumber * pageSize > Integer.MAX_VALUE) {
            in.errors.add(new FieldViolation("page", "too far: page × size must stay below " + Integer.MAX_VALUE));
        }
        if (!in.errors.isEmpty()) {
            throw new KyodoProblemException(CommonProblems.INVALID_INPUT, "Some list parameters are invalid.",
                    in.errors, Map.of());
        }
        String order = sort == null ? DEFAULT_SORT : sort;
        boolean descending = order.startsWith("-");
        return new ProposalListQuery(ward, status, theme, programme,
                fiscalYear == null ? null : fiscalYear.intValue(), overdue, q, pageNumber, pageSize,
                descending ? order.substring(1) : order, descending);
    }

    /** The store filter: every given condition must hold. */
    Bson filter() {
        List<Bson> conditions = new ArrayList<>();
        if (ward != null) {
            conditions.add(Filters.eq("ward", ward.code()));
        }
        if (status != null) {
            conditions.add(Filters.eq("status", status.name()));
        }
        if (theme != null) {
            conditions.add(Filters.eq("themes", theme));
        }
        if (programme != null) {
            conditions.add(Filters.eq("programme", programme.name()));
        }
        if (fiscalYear != null) {
            conditions.add(Filters.eq("fiscalYear", fiscalYear));
        }
        if (overdue != null) {
            conditions.add(overdue ? Filters.eq("overdue", true) : Filters.ne("overdue", true));
        }
        List<String> tokens = SearchTokens.ofQuery(q);
        if (!tokens.isEmpty()) {
            conditions.add(Filters.all("searchTokens", tokens));
        }
        return conditions.isEmpty() ? new Document() : Filters.and(conditions);
    }

    /** The order, with the id as tie-breaker so that pages neither overlap nor skip. */
    Bson sort() {
        return Sorts.orderBy(descending ? Sorts.descending(sortField) : Sorts.ascending(sortField),
                Sorts.ascending("_id"));
    }

    int skip() {
        return page * size;
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    private static String names(List<String> names) {
        return names.stream().collect(Collectors.joining(", "));
    }

    /** ASCII digits only (Java would also read full-width and other scripts' digits). */
    private static Optional<Long> whole(String value) {
        return value.matches("[+-]?[0-9]{1,18}") ? Optional.of(Long.parseLong(value)) : Optional.empty();
    }

    private static Optional<Boolean> bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private static <E extends Enum<E>> Optional<E> constant(Class<E> type, String value) {
        String wanted = value.toUpperCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equals(wanted)).findFirst();
    }

    /** Reads one parameter at a time, collecting what is wrong with each. */
    private static final class Reader {

        private final Map<String, List<String>> params;
        private final List<FieldViolation> errors = new ArrayList<>();

        Reader(Map<String, List<String>> params) {
            this.params = params;
        }

        <T> T read(String name, Function<String, Optional<T>> parser, String expected) {
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
    }
}
