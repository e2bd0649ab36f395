package kyodo.query.analytics;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class PercentilesTest {

    @Test
    void theMedianIsTheMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
        assertThat(Percentiles.median(List.of(7))).isEqualTo(new BigDecimal("7.0"));
        assertThat(Percentiles.median(List.of(1, 3, 5, 10, 30))).isEqualTo(new BigDecimal("5.0"));
        assertThat(Percentiles.median(List.of(2, 4, 7, 8))).isEqualTo(new BigDecimal("5.5"));
        assertThat(Percentiles.median(List.of())).isNull();
    }

    @Test
    void theNinetiethPercentileIsByNearestRank() {
        assertThat(Percentiles.p90(List.of(7))).isEqualTo(7);
        assertThat(Percentiles.p90(List.of(1, 3, 5, 10, 30))).isEqualTo(30);
        assertThat(Percentiles.p90(IntStream.rangeClosed(1, 10).boxed().toList())).isEqualTo(9);
        assertThat(Percentiles.p90(IntStream.rangeClosed(1, 11).boxed().toList())).isEqualTo(10);
        assertThat(Percentiles.p90(IntStream.rangeClosed(1, 20).boxed().toList())).isEqualTo(18);
        assertThat(Percentiles.p90(List.of())).isNull();
    }
}
