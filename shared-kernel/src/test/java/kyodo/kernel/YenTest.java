package kyodo.kernel;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YenTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aNegativeAmountIsRejected() {
        assertThatThrownBy(() -> Yen.of(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("yen amount must not be negative: -1");
    }

    @Test
    void zeroIsAnAmountButNotAPositiveOne() {
        assertThat(Yen.ZERO.amount()).isZero();
        assertThat(Yen.ZERO.isPositive()).isFalse();
        assertThat(Yen.of(1).isPositive()).isTrue();
    }

    @Test
    void plusAddsTheAmounts() {
        assertThat(Yen.of(1_200).plus(Yen.of(300))).isEqualTo(Yen.of(1_500));
    }

    @Test
    void minusSubtractsTheAmounts() {
        assertThat(Yen.of(1_500).minus(Yen.of(300))).isEqualTo(Yen.of(1_200));
    }

    @Test
    void minusMayReachExactlyZero() {
        assertThat(Yen.of(1_500).minus(Yen.of(1_500))).isEqualTo(Yen.ZERO);
    }

    @Test
    void minusRefusesToGoBelowZero() {
        assertThatThrownBy(() -> Yen.of(1_000).minus(Yen.of(1_001)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("yen amount must not be negative: -1");
    }

    @Test
    void plusRefusesToOverflow() {
        assertThatThrownBy(() -> Yen.of(Long.MAX_VALUE).plus(Yen.of(1)))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void anAmountCoversItselfAndLessButNotMore() {
        Yen budget = Yen.of(55_000_000);

        assertThat(budget.covers(Yen.of(55_000_000))).isTrue();
        assertThat(budget.covers(Yen.of(54_999_999))).isTrue();
        assertThat(budget.covers(Yen.of(55_000_001))).isFalse();
    }

    @Test
    void amountsOrderByValue() {
        assertThat(Yen.of(999)).isLessThan(Yen.of(1_000));
        assertThat(Yen.of(1_000).compareTo(Yen.of(1_000))).isZero();
    }

    @Test
    void jacksonWritesAnAmountAsABareNumber() throws Exception {
        assertThat(mapper.writeValueAsString(Yen.of(55_000_000))).isEqualTo("55000000");
        assertThat(mapper.writeValueAsString(Map.of("amount", Yen.of(300)))).isEqualTo("{\"amount\":300}");
    }

    @Test
    void jacksonReadsAnAmountBackFromABareNumber() throws Exception {
        assertThat(mapper.readValue("55000000", Yen.class)).isEqualTo(Yen.of(55_000_000));
    }

    @Test
    void jacksonRejectsANegativeAmount() {
        assertThatThrownBy(() -> mapper.readValue("-5", Yen.class))
                .isInstanceOf(JsonMappingException.class)
                .rootCause()
                .hasMessage("yen amount must not be negative: -5");
    }
}
