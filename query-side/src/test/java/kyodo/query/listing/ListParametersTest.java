package kyodo.query.listing;

import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ListParametersTest {

    @Test
    void readsAGivenValueStrippedAndTreatsBlankAsAbsent() {
        ListParameters in = new ListParameters(Map.of("a", List.of("  x "), "b", List.of(" ")));

        assertThat(in.<String>read("a", Optional::of, "anything")).isEqualTo("x");
        assertThat(in.<String>read("b", Optional::of, "anything")).isNull();
        assertThat(in.<String>read("c", Optional::of, "anything")).isNull();
        in.done();
    }

    @Test
    void pagingDefaultsToTheFirstPageOfTheDefaultSize() {
        ListParameters in = new ListParameters(Map.of());

        assertThat(in.paging(20, 100)).isEqualTo(new ListParameters.Paging(0, 20));
        assertThat(new ListParameters.Paging(3, 20).skip()).isEqualTo(60);
    }

    @Test
    void doneRefusesEveryViolationInTheOrderFound() {
        ListParameters in = new ListParameters(Map.of("size", List.of("0"), "page", List.of("-1")));
        in.paging(20, 100);
        in.refuse("to", "must not be before from");

        KyodoProblemException problem = catchThrowableOfType(KyodoProblemException.class, in::done);

        assertThat(problem.type().slug()).isEqualTo("invalid-input");
        assertThat(problem.detail()).isEqualTo(ListParameters.INVALID_DETAIL);
        assertThat(problem.errors()).containsExactly(new FieldViolation("page", "must be a whole number >= 0"),
                new FieldViolation("size", "must be a whole number from 1 to 100"),
                new FieldViolation("to", "must not be before from"));
        assertThat(in.refused("size")).isTrue();
        assertThat(in.refused("sort")).isFalse();
    }

    @Test
    void aPositionInAPathIsAWholeNumberOfAtLeastOne() {
        assertThat(ListParameters.position("seq", "12")).isEqualTo(12L);

        KyodoProblemException zero = catchThrowableOfType(KyodoProblemException.class,
                () -> ListParameters.position("seq", "0"));
        KyodoProblemException blank = catchThrowableOfType(KyodoProblemException.class,
                () -> ListParameters.position("treeSize", " "));

        assertThat(zero.type().slug()).isEqualTo("invalid-input");
        assertThat(zero.errors()).containsExactly(new FieldViolation("seq", "must be a whole number >= 1"));
        assertThat(blank.errors()).containsExactly(new FieldViolation("treeSize", "is required"));
    }

    @Test
    void anIsoDateMustBeARealDayInAsciiDigits() {
        assertThat(ListParameters.isoDate("2024-02-29")).contains(LocalDate.parse("2024-02-29"));
        assertThat(ListParameters.isoDate("2025-02-29")).isEmpty();
        assertThat(ListParameters.isoDate("2025-9-1")).isEmpty();
        assertThat(ListParameters.isoDate("２０２５-09-01")).isEmpty();
        assertThat(ListParameters.isoDate("+12025-09-01")).isEmpty();
    }

    @Test
    void enumConstantsAreReadCaseInsensitivelyAndNamedInOrder() {
        assertThat(ListParameters.constant(DayOfWeek.class, "monday")).contains(DayOfWeek.MONDAY);
        assertThat(ListParameters.constant(DayOfWeek.class, "mon")).isEmpty();
        assertThat(ListParameters.oneOf(ListParameters.names(TextStyle.class).subList(0, 2)))
                .isEqualTo("one of FULL, FULL_STANDALONE");
    }

    @Test
    void aChoiceIsOneOfAnEnumsConstantsInAnyCaseOrRefusedNamingThemAll() {
        ListParameters in = new ListParameters(Map.of("style", List.of("Short"), "day", List.of("someday")));

        assertThat(in.choice("style", TextStyle.class)).isEqualTo(TextStyle.SHORT);
        assertThat(in.choice("day", DayOfWeek.class)).isNull();
        assertThat(in.choice("absent", DayOfWeek.class)).isNull();
        KyodoProblemException problem = catchThrowableOfType(KyodoProblemException.class, in::done);

        assertThat(problem.errors()).containsExactly(new FieldViolation("day", "must be one of MONDAY, TUESDAY, "
                + "WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY"));
    }
}
