package kyodo.ops.sides;

import kyodo.ops.KyodoApplication;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --kyodo.side} read off the command line, before anything starts. */
class SideTest {

    @Test
    void withoutTheOptionBothSidesRun() {
        assertThat(Side.of("--server.port=0")).isEqualTo(Side.BOTH);
        assertThat(Side.of("--kyodo.side=both").configuration()).isEqualTo(KyodoApplication.class);
    }

    @Test
    void theOptionPicksOneSideWithTheEdgeAndTheLastOneWins() {
        assertThat(Side.of("--kyodo.side=command").configuration()).isEqualTo(CommandSideWithEdge.class);
        assertThat(Side.of("--kyodo.side=command", "--kyodo.side=QUERY").configuration())
                .isEqualTo(QuerySideWithEdge.class);
    }

    @Test
    void anUnknownSideIsRefusedNamingTheSidesThereAre() {
        assertThatThrownBy(() -> Side.of("--kyodo.side=edge"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[both, command, query]").hasMessageContaining("'edge'");
    }
}
