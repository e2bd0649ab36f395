package kyodo.query.meeting;

import kyodo.kernel.Ward;
import kyodo.kernel.meeting.MeetingKind;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class MeetingListQueryTest {

    @Test
    void noParametersMeanEverythingLatestStartFirstTwentyAPage() {
        assertThat(MeetingListQuery.parse(Map.of())).isEqualTo(new MeetingListQuery(null, false, null, null, null,
                null, null, null, null, 0, 20, true));
        assertThat(MeetingListQuery.all()).isEqualTo(MeetingListQuery.parse(Map.of()));
    }

    @Test
    void everyParameterIsReadIntoItsType() {
        MeetingListQuery query = parse(Map.ofEntries(Map.entry("ward", " Saiwai "), Map.entry("district", "SOUTH"),
                Map.entry("kind", "workshop"), Map.entry("fiscalYear", "2015"), Map.entry("from", "2015-09-01"),
                Map.entry("to", "2015-09-30"), Map.entry("status", "closed"), Map.entry("q", "区役所 窓口"),
                Map.entry("page", "3"), Map.entry("size", "100"), Map.entry("sort", "startsAt")));

        assertThat(query).isEqualTo(new MeetingListQuery(Ward.SAIWAI, false, Ward.District.SOUTH, MeetingKind.WORKSHOP,
                2015, LocalDate.parse("2015-09-01"), LocalDate.parse("2015-09-30"), MeetingStatus.CLOSED,
                "区役所 窓口", 3, 100, false));
        assertThat(query.skip()).isEqualTo(300);
    }

    @Test
    void wardCityAsksForTheCityWideMeetingsByTheirIndexedMark() {
        MeetingListQuery query = parse(Map.of("ward", "City", "kind", "forum"));

        assertThat(query.cityWide()).isTrue();
        assertThat(query.ward()).isNull();
        assertThat(query.wardValue()).isEqualTo("city");
        // an equality on a field the projection declares list indexes for, never a null ward
        assertThat(query.filter().toBsonDocument()).isEqualTo(BsonDocument.parse(
                "{$and: [{cityWide: true}, {kind: 'FORUM'}]}"));
        assertThat(MeetingProjection.FILTERS).contains(MeetingProjection.CITY_WIDE);
        assertThat(parse(Map.of("ward", "saiwai")).filter().toBsonDocument())
                .isEqualTo(BsonDocument.parse("{$and: [{ward: 'saiwai'}]}"));
        assertThat(parse(Map.of("ward", "saiwai")).wardValue()).isEqualTo("saiwai");
        assertThat(MeetingListQuery.all().wardValue()).isEmpty();
    }

    @Test
    void blankValuesCountAsAbsentAndUnknownNamesAreIgnored() {
        assertThat(parse(Map.of("ward", "", "from", "  ", "sort", " ", "minVersion", "x")))
                .isEqualTo(MeetingListQuery.all());
    }

    @Test
    void aRangeOfOneDayIsAllowed() {
        MeetingListQuery query = parse(Map.of("from", "2015-09-19", "to", "2015-09-19"));

        assertThat(query.from()).isEqualTo(LocalDate.parse("2015-09-19"));
        assertThat(query.to()).isEqualTo(LocalDate.parse("2015-09-19"));
    }

    @Test
    void aRangeGivenBackwardsIsRefusedOnTo() {
        assertThat(violations(Map.of("from", "2015-09-20", "to", "2015-09-19")))
                .containsExactly(new FieldViolation("to", "must not be before from"));
    }

    @Test
    void datesMustBeRealIsoDatesInAsciiDigits() {
        for (String bad : List.of("2015/09/19", "2015-9-19", "2015-02-30", "２０１５-09-19", "19.09.2015",
                "2015-09-19T00:00", "+2015-09-19")) {
            assertThat(violations(Map.of("from", bad, "to", bad))).as(bad).containsExactly(
                    new FieldViolation("from", "must be a date yyyy-MM-dd"),
                    new FieldViolation("to", "must be a date yyyy-MM-dd"));
        }
    }

    @Test
    void anUnknownWardDistrictKindOrStatusIsRefused() {
        assertThat(violations(Map.of("ward", "shibuya"))).containsExactly(new FieldViolation("ward",
                "must be one of kawasaki, saiwai, nakahara, takatsu, miyamae, tama, asao, city"));
        assertThat(violations(Map.of("ward", "citywide"))).containsExactly(new FieldViolation("ward",
                "must be one of kawasaki, saiwai, nakahara, takatsu, miyamae, tama, asao, city"));
        assertThat(violations(Map.of("district", "east"))).containsExactly(new FieldViolation("district",
                "must be one of south, central, north"));
        assertThat(violations(Map.of("kind", "PARTY"))).containsExactly(new FieldViolation("kind",
                "must be one of WARD_ASSEMBLY, EXPERT_PANEL, WORKSHOP, TOWN_HALL, FORUM"));
        assertThat(violations(Map.of("status", "ACCEPTED"))).containsExactly(new FieldViolation("status",
                "must be one of SCHEDULED, CANCELLED, OPEN, CLOSED"));
    }

    @Test
    void onlyTheStartCanBeSortedOn() {
        FieldViolation sort = new FieldViolation("sort", "must be one of startsAt, -startsAt");
        assertThat(violations(Map.of("sort", "title"))).containsExactly(sort);
        assertThat(violations(Map.of("sort", "-submittedAt"))).containsExactly(sort);
        assertThat(parse(Map.of("sort", "-startsAt")).descending()).isTrue();
    }

    @Test
    void pageSizeFiscalYearAndQueryHaveTheirBounds() {
        assertThat(violations(Map.of("size", "101"))).containsExactly(
                new FieldViolation("size", "must be a whole number from 1 to 100"));
        assertThat(violations(Map.of("page", "-1"))).containsExactly(
                new FieldViolation("page", "must be a whole number >= 0"));
        assertThat(violations(Map.of("fiscalYear", "1988"))).containsExactly(
                new FieldViolation("fiscalYear", "must be a year from 1989 to 2200"));
        assertThat(violations(Map.of("q", "駐".repeat(201)))).containsExactly(
                new FieldViolation("q", "must be at most 200 characters"));
        assertThat(violations(Map.of("page", "2147483647", "size", "100"))).containsExactly(
                new FieldViolation("page", "too far: page × size must stay below 2147483647"));
        assertThat(parse(Map.of("size", "1", "fiscalYear", "2200")))
                .extracting(MeetingListQuery::size, MeetingListQuery::fiscalYear).containsExactly(1, 2200);
    }

    @Test
    void aParameterGivenTwiceIsRefused() {
        KyodoProblemException problem = problem(Map.of("kind", List.of("WORKSHOP", "FORUM")));

        assertThat(problem.errors()).containsExactly(new FieldViolation("kind", "give it once"));
    }

    @Test
    void everyBadParameterIsNamedInOneInvalidInputProblem() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("sort", "title");
        params.put("size", "500");
        params.put("page", "x");
        params.put("q", "駐".repeat(201));
        params.put("status", "DONE");
        params.put("to", "tomorrow");
        params.put("from", "2025-13-01");
        params.put("fiscalYear", "1900");
        params.put("kind", "PARTY");
        params.put("district", "east");
        params.put("ward", "shibuya");

        KyodoProblemException problem = problem(single(params));

        assertThat(problem.type().slug()).isEqualTo("invalid-input");
        assertThat(problem.type().status()).isEqualTo(400);
        assertThat(problem.detail()).isEqualTo("Some list parameters are invalid.");
        assertThat(problem.errors()).extracting(FieldViolation::field).containsExactly("ward", "district", "kind",
                "fiscalYear", "from", "to", "status", "q", "page", "size", "sort");
    }

    private static MeetingListQuery parse(Map<String, String> params) {
        return MeetingListQuery.parse(single(params));
    }

    private static List<FieldViolation> violations(Map<String, String> params) {
        return problem(single(params)).errors();
    }

    private static KyodoProblemException problem(Map<String, List<String>> params) {
        Throwable thrown = catchThrowable(() -> MeetingListQuery.parse(params));
        assertThat(thrown).isInstanceOf(KyodoProblemException.class);
        return (KyodoProblemException) thrown;
    }

    private static Map<String, List<String>> single(Map<String, String> params) {
        Map<String, List<String>> raw = new LinkedHashMap<>();
        params.forEach((name, value) -> raw.put(name, List.of(value)));
        return raw;
    }
}
