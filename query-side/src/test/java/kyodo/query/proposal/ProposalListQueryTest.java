package kyodo.query.proposal;

import kyodo.kernel.Ward;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.ProposalStatus;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ProposalListQueryTest {

    private static final String WARDS = "must be one of kawasaki, saiwai, nakahara, takatsu, miyamae, tama, asao";

    @Test
    void noParametersMeanEverythingNewestFirstTwentyAPage() {
        assertThat(ProposalListQuery.parse(Map.of())).isEqualTo(new ProposalListQuery(null, null, null, null, null,
                null, null, 0, 20, "submittedAt", true));
        assertThat(ProposalListQuery.all()).isEqualTo(ProposalListQuery.parse(Map.of()));
    }

    @Test
    void everyParameterIsReadIntoItsType() {
        ProposalListQuery query = parse(Map.of("ward", " Saiwai ", "status", "accepted", "theme", "交通",
                "programme", "machi_no_hiroba", "fiscalYear", "2025", "overdue", "TRUE", "q", "駐輪場 公園",
                "page", "3", "size", "100", "sort", "dueOn"));

        assertThat(query).isEqualTo(new ProposalListQuery(Ward.SAIWAI, ProposalStatus.ACCEPTED, "交通",
                ProposalProgramme.MACHI_NO_HIROBA, 2025, true, "駐輪場 公園", 3, 100, "dueOn", false));
        assertThat(query.skip()).isEqualTo(300);
    }

    @Test
    void blankValuesCountAsAbsent() {
        assertThat(parse(Map.of("ward", "", "q", "  ", "page", "", "sort", " ")))
                .isEqualTo(ProposalListQuery.all());
    }

    @Test
    void parametersItDoesNotKnowAreIgnored() {
        assertThat(parse(Map.of("minVersion", "x", "_", "1712345678"))).isEqualTo(ProposalListQuery.all());
    }

    @Test
    void boundsAreInclusive() {
        assertThat(parse(Map.of("fiscalYear", "1989")).fiscalYear()).isEqualTo(1989);
        assertThat(parse(Map.of("fiscalYear", "2200")).fiscalYear()).isEqualTo(2200);
        assertThat(parse(Map.of("size", "1")).size()).isEqualTo(1);
        assertThat(parse(Map.of("q", "駐".repeat(200))).q()).hasSize(200);
        assertThat(parse(Map.of("theme", "あ".repeat(50))).theme()).hasSize(50);
        assertThat(parse(Map.of("overdue", "false")).overdue()).isFalse();
        assertThat(parse(Map.of("sort", "-dueOn"))).extracting(ProposalListQuery::sortField,
                ProposalListQuery::descending).containsExactly("dueOn", true);
    }

    @Test
    void anUnknownWardIsRefused() {
        assertThat(violations(Map.of("ward", "shibuya"))).containsExactly(new FieldViolation("ward", WARDS));
    }

    @Test
    void anUnknownStatusIsRefused() {
        assertThat(violations(Map.of("status", "OPEN"))).containsExactly(new FieldViolation("status",
                "must be one of SUBMITTED, ACKNOWLEDGED, REVISION_REQUESTED, REFERRED_TO_MEETING, ACCEPTED, "
                        + "REJECTED, WITHDRAWN"));
    }

    @Test
    void anUnknownProgrammeIsRefused() {
        assertThat(violations(Map.of("programme", "LOTTERY"))).containsExactly(new FieldViolation("programme",
                "must be one of CITIZEN_PROPOSAL, SUGGESTION_BOX, MACHI_NO_HIROBA, OTHER"));
    }

    @Test
    void anUnknownSortIsRefused() {
        FieldViolation sort = new FieldViolation("sort", "must be one of submittedAt, -submittedAt, dueOn, -dueOn");
        assertThat(violations(Map.of("sort", "title"))).containsExactly(sort);
        assertThat(violations(Map.of("sort", "+dueOn"))).containsExactly(sort);
        assertThat(violations(Map.of("sort", "duedate"))).containsExactly(sort);
    }

    @Test
    void aPageMustBeAWholeNumberFromZero() {
        FieldViolation page = new FieldViolation("page", "must be a whole number >= 0");
        assertThat(violations(Map.of("page", "-1"))).containsExactly(page);
        assertThat(violations(Map.of("page", "abc"))).containsExactly(page);
        assertThat(violations(Map.of("page", "1.5"))).containsExactly(page);
        assertThat(violations(Map.of("page", "99999999999999999999"))).containsExactly(page);
    }

    @Test
    void aSizeMustBeFromOneToAHundred() {
        FieldViolation size = new FieldViolation("size", "must be a whole number from 1 to 100");
        assertThat(violations(Map.of("size", "0"))).containsExactly(size);
        assertThat(violations(Map.of("size", "101"))).containsExactly(size);
        assertThat(violations(Map.of("size", "ten"))).containsExactly(size);
    }

    @Test
    void aPageSoFarItsOffsetOverflowsIsRefused() {
        assertThat(violations(Map.of("page", "2147483647", "size", "100"))).containsExactly(
                new FieldViolation("page", "too far: page × size must stay below 2147483647"));
    }

    @Test
    void aFiscalYearMustBeWithinTheYearsTheCityKnows() {
        FieldViolation year = new FieldViolation("fiscalYear", "must be a year from 1989 to 2200");
        assertThat(violations(Map.of("fiscalYear", "1988"))).containsExactly(year);
        assertThat(violations(Map.of("fiscalYear", "2201"))).containsExactly(year);
        assertThat(violations(Map.of("fiscalYear", "令和7"))).containsExactly(year);
        // Full-width digits are not a number here, although Java's parser would read them.
        assertThat(violations(Map.of("fiscalYear", "２０２５"))).containsExactly(year);
    }

    @Test
    void overdueMustBeTrueOrFalse() {
        assertThat(violations(Map.of("overdue", "yes")))
                .containsExactly(new FieldViolation("overdue", "must be true or false"));
    }

    @Test
    void aQueryLongerThanTwoHundredCharactersIsRefused() {
        assertThat(violations(Map.of("q", "駐".repeat(201))))
                .containsExactly(new FieldViolation("q", "must be at most 200 characters"));
    }

    @Test
    void aThemeLongerThanFiftyCharactersIsRefused() {
        assertThat(violations(Map.of("theme", "あ".repeat(51))))
                .containsExactly(new FieldViolation("theme", "must be at most 50 characters"));
    }

    @Test
    void aParameterGivenTwiceIsRefused() {
        KyodoProblemException problem = problem(Map.of("ward", List.of("saiwai", "tama")));

        assertThat(problem.errors()).containsExactly(new FieldViolation("ward", "give it once"));
    }

    @Test
    void everyBadParameterIsNamedInOneInvalidInputProblem() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("sort", "title");
        params.put("size", "500");
        params.put("ward", "shibuya");
        params.put("fiscalYear", "1900");
        params.put("status", "SUBMITTED");

        KyodoProblemException problem = problem(single(params));

        assertThat(problem.type().slug()).isEqualTo("invalid-input");
        assertThat(problem.type().status()).isEqualTo(400);
        assertThat(problem.detail()).isEqualTo("Some list parameters are invalid.");
        assertThat(problem.errors()).extracting(FieldViolation::field)
                .containsExactly("ward", "fiscalYear", "size", "sort");
    }

    private static ProposalListQuery parse(Map<String, String> params) {
        return ProposalListQuery.parse(single(params));
    }

    private static List<FieldViolation> violations(Map<String, String> params) {
        return problem(single(params)).errors();
    }

    private static KyodoProblemException problem(Map<String, List<String>> params) {
        Throwable thrown = catchThrowable(() -> ProposalListQuery.parse(params));
        assertThat(thrown).isInstanceOf(KyodoProblemException.class);
        return (KyodoProblemException) thrown;
    }

    private static Map<String, List<String>> single(Map<String, String> params) {
        Map<String, List<String>> raw = new LinkedHashMap<>();
        params.forEach((name, value) -> raw.put(name, List.of(value)));
        return raw;
    }
}
