package kyodo.query.meeting;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;
import kyodo.kernel.meeting.MeetingKind;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.query.listing.ListFilter;
import kyodo.query.listing.ListParameters;
import kyodo.query.listing.ListQuery;
import org.bson.conversions.Bson;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static kyodo.query.listing.ListParameters.oneOf;

/**
 * A meeting list request, validated: the filters, the page and the order. {@link #parse} turns raw
 * query parameters into one, or refuses them all at once with an invalid-input problem naming
 * every bad parameter, so that no malformed filter ever reaches the store.
 *
 * @param ward       only meetings of this ward (not those of its district or the city), or null
 * @param cityWide   only the city's own meetings, of no ward and no district ({@code ward=city})
 * @param district   only meetings of this district, or null
 * @param kind       only meetings of this kind, or null
 * @param fiscalYear only meetings starting in this fiscal year, or null
 * @param from       only meetings starting on or after this day (Asia/Tokyo), or null
 * @param to         only meetings starting on or before this day (Asia/Tokyo), or null
 * @param status     only meetings in this status, or null
 * @param q          free text: every word must occur in the title, a theme or an opinion (bigram match), or null
 * @param page       0-based page number
 * @param size       items per page, 1..{@value ListParameters#MAX_SIZE}
 * @param descending whether latest start first
 */
public record MeetingListQuery(Ward ward, boolean cityWide, Ward.District district, MeetingKind kind, Integer fiscalYear,
                               LocalDate from, LocalDate to, MeetingStatus status, String q, int page, int size,
                               boolean descending) implements ListQuery {

    public static final List<String> SORTS = List.of("startsAt", "-startsAt");
    public static final String DEFAULT_SORT = "-startsAt";
    /** The {@code ward} value that asks for the city-wide meetings (forums and panels of no ward or district). */
    public static final String CITY = "city";
    /** What {@code ward} may be: a ward's code or {@value #CITY}. */
    public static final List<String> WARD_VALUES = Stream.concat(Arrays.stream(Ward.values()).map(Ward::code),
            Stream.of(CITY)).toList();

    /** Everything, latest start first, first page. */
    public static MeetingListQuery all() {
        return parse(Map.of());
    }

    /**
     * Reads raw query parameters as {@link ListParameters} reads every list's.
     *
     * @throws KyodoProblemException invalid-input, with one field violation per bad parameter
     */
    public static MeetingListQuery parse(Map<String, List<String>> params) {
        ListParameters in = new ListParameters(params);
        String reach = in.read("ward", v -> Optional.of(v.toLowerCase(Locale.ROOT)).filter(WARD_VALUES::contains),
                oneOf(WARD_VALUES));
        boolean cityWide = CITY.equals(reach);
        Ward ward = reach == null || cityWide ? null : Ward.fromCode(reach).orElseThrow();
        Ward.District district = in.read("district", v -> MeetingViews.district(v.toLowerCase(Locale.ROOT)),
                oneOf(Arrays.stream(Ward.District.values()).map(Ward.District::code).toList()));
        MeetingKind kind = in.choice("kind", MeetingKind.class);
        Integer fiscalYear = in.fiscalYear();
        LocalDate from = in.read("from", ListParameters::isoDate, "a date yyyy-MM-dd");
        LocalDate to = in.read("to", ListParameters::isoDate, "a date yyyy-MM-dd");
        if (from != null && to != null && to.isBefore(from)) {
            in.refuse("to", "must not be before from");
        }
        MeetingStatus status = in.choice("status", MeetingStatus.class);
        String q = in.words();
        ListParameters.Paging paging = in.paging();
        boolean descending = in.sort(SORTS, DEFAULT_SORT).startsWith("-");
        in.done();
        return new MeetingListQuery(ward, cityWide, district, kind, fiscalYear, from, to, status, q, paging.page(),
                paging.size(), descending);
    }

    /**
     * The {@code ward} value this query asks for, as a form shows it: a ward's code, {@value #CITY}, or
     * empty.
     */
    public String wardValue() {
        return cityWide ? CITY : ward == null ? "" : ward.code();
    }

    /** The store filter: every given condition must hold. Days run midnight to midnight in Tokyo. */
    @Override
    public Bson filter() {
        return new ListFilter()
                .eq("ward", ward, Ward::code)
                // an indexed value: an index holds no null an equality could look up
                .eq(MeetingProjection.CITY_WIDE, cityWide ? true : null)
                .eq("district", district, Ward.District::code)
                .eq("kind", kind, MeetingKind::name)
                .eq("fiscalYear", fiscalYear)
                .and(from == null ? null
                        : Filters.gte("startsAt", Date.from(from.atStartOfDay(FiscalYear.TOKYO).toInstant())))
                .and(to == null ? null
                        : Filters.lt("startsAt", Date.from(to.plusDays(1).atStartOfDay(FiscalYear.TOKYO).toInstant())))
                .eq("status", status, MeetingStatus::name)
                .matching(q);
    }

    /** By start, with the id as tie-breaker so that pages neither overlap nor skip. */
    @Override
    public Bson sort() {
        return descending ? Sorts.descending("startsAt", "_id") : Sorts.ascending("startsAt", "_id");
    }
}
