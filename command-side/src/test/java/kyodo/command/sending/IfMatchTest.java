package kyodo.command.sending;

import kyodo.kernel.problem.KyodoProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IfMatchTest {

    @Test
    void absentOrStarMeansTheCurrentVersion() {
        assertThat(IfMatch.expectedVersion(null)).isNull();
        assertThat(IfMatch.expectedVersion("  ")).isNull();
        assertThat(IfMatch.expectedVersion("*")).isNull();
    }

    @Test
    void readsStrongAndWeakVersionTags() {
        assertThat(IfMatch.expectedVersion("\"3\"")).isEqualTo(3L);
        assertThat(IfMatch.expectedVersion("W/\"12\"")).isEqualTo(12L);
        assertThat(IfMatch.expectedVersion("7")).isEqualTo(7L);
    }

    @Test
    void refusesAnythingElseAsInvalidInput() {
        for (String bad : new String[]{"\"abc\"", "\"-1\"", "\"1.5\"", "\"\""}) {
            assertThatThrownBy(() -> IfMatch.expectedVersion(bad))
                    .isInstanceOfSatisfying(KyodoProblemException.class,
                            e -> assertThat(e.type().slug()).isEqualTo("invalid-input"));
        }
    }
}
