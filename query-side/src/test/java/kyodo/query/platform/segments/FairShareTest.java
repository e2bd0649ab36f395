package kyodo.query.platform.segments;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FairShareTest {

    @Test
    void aProcessAloneMayHoldEverySegment() {
        assertThat(FairShare.of(4, "a", Map.of("a", 0))).isEqualTo(4);
        assertThat(FairShare.of(1, "a", Map.of("a", 1))).isEqualTo(1);
    }

    @Test
    void aSecondProcessHalvesTheShareOfTheOneThatHeldEverything() {
        Map<String, Integer> held = Map.of("a", 4, "b", 0);

        assertThat(FairShare.of(4, "a", held)).isEqualTo(2);
        assertThat(FairShare.of(4, "b", held)).isEqualTo(2);
    }

    @Test
    void aGroupInGlobalOrderStaysWithTheProcessThatHasIt() {
        Map<String, Integer> held = Map.of("a", 0, "b", 1);

        assertThat(FairShare.of(1, "b", held)).isEqualTo(1);
        assertThat(FairShare.of(1, "a", held)).isZero();
    }

    @Test
    void aSegmentNobodyHoldsGoesToTheFirstProcessById() {
        Map<String, Integer> held = Map.of("b", 0, "a", 0);

        assertThat(FairShare.of(1, "a", held)).isEqualTo(1);
        assertThat(FairShare.of(1, "b", held)).isZero();
    }

    @Test
    void theRemainderGoesToTheProcessesThatHoldTheMost() {
        Map<String, Integer> joined = Map.of("a", 4, "b", 0, "c", 0);
        assertThat(List.of(FairShare.of(4, "a", joined), FairShare.of(4, "b", joined), FairShare.of(4, "c", joined)))
                .containsExactly(2, 1, 1);

        Map<String, Integer> settled = Map.of("a", 2, "b", 2, "c", 1);
        assertThat(List.of(FairShare.of(5, "a", settled), FairShare.of(5, "b", settled),
                FairShare.of(5, "c", settled))).containsExactly(2, 2, 1);
    }

    @Test
    void moreProcessesThanSegmentsLeaveSomeWithoutAny() {
        Map<String, Integer> held = Map.of("a", 1, "b", 0, "c", 1);

        assertThat(List.of(FairShare.of(2, "a", held), FairShare.of(2, "b", held), FairShare.of(2, "c", held)))
                .containsExactly(1, 0, 1);
    }

    @Test
    void theSharesAlwaysAddUpToTheSegments() {
        for (int segments = 1; segments <= 9; segments++) {
            for (int a = 0; a <= segments; a++) {
                for (int b = 0; a + b <= segments; b++) {
                    Map<String, Integer> held = Map.of("a", a, "b", b, "c", segments - a - b);
                    int total = FairShare.of(segments, "a", held) + FairShare.of(segments, "b", held)
                            + FairShare.of(segments, "c", held);
                    assertThat(total).as("%d segments held %s", segments, held).isEqualTo(segments);
                }
            }
        }
    }

    @Test
    void aProcessThatIsNotCountedHasNoShare() {
        assertThatThrownBy(() -> FairShare.of(4, "c", Map.of("a", 2, "b", 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c is not among");
    }
}
