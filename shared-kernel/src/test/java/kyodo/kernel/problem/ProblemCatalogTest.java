package kyodo.kernel.problem;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProblemCatalogTest {

    enum Good implements CataloguedProblem {
        FIRST, SECOND
    }

    enum Listed implements CataloguedProblem {
        FIRST, SECOND
    }

    enum Unlisted implements CataloguedProblem {
        ONLY
    }

    enum Short implements CataloguedProblem {
        ONLY, MISSING_STATUS
    }

    enum Absent implements CataloguedProblem {
        ANY
    }

    @Test
    void aRowGivesTheSlugStatusAndBothTitles() {
        ProblemType first = Good.FIRST.type();

        assertThat(first).isEqualTo(new ProblemType("first-problem", 409, "最初の問題", "The first problem"));
        assertThat(first.title(Locale.ENGLISH)).isEqualTo("The first problem");
        assertThat(Good.SECOND.type().status()).isEqualTo(403);
    }

    @Test
    void aRefusalNamedByACatalogConstantCarriesItsType() {
        KyodoProblemException refusal = new KyodoProblemException(Good.SECOND, "Not yours.");

        assertThat(refusal.toDetails().slug()).isEqualTo("second-problem");
        assertThat(refusal.toDetails().status()).isEqualTo(403);
        assertThat(refusal.toDetails().titleJa()).isEqualTo("二番目");
    }

    @Test
    void aRowWithMoreCellsIsRefused() {
        assertThatThrownBy(Listed.FIRST::type).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the row for SECOND is not");
    }

    @Test
    void aRowTheEnumDoesNotNameIsRefused() {
        assertThatThrownBy(Unlisted.ONLY::type).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a row for EXTRA");
    }

    @Test
    void aRowWithoutANumericStatusIsRefused() {
        assertThatThrownBy(Short.ONLY::type).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the row for MISSING_STATUS has no numeric status");
    }

    @Test
    void aCatalogIsAnEnum() {
        CataloguedProblem loose = () -> "LOOSE";

        assertThatThrownBy(loose::type).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A problem catalog is an enum");
    }

    @Test
    void aCatalogWithoutATableIsRefused() {
        assertThatThrownBy(Absent.ANY::type).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No problem table Absent.properties");
    }
}
