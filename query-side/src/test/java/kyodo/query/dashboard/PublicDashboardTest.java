package kyodo.query.dashboard;

import com.mongodb.client.MongoDatabase;
import kyodo.kernel.Ward;
import kyodo.query.analytics.AnalyticsFixture;
import kyodo.query.analytics.AnalyticsRows;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.proposal.ProposalStory;
import kyodo.query.proposal.TestStores;
import kyodo.kernel.proposal.ProposalProgramme;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard answers from figures kept until a read model moves, per ward and for the city. */
class PublicDashboardTest {

    @RegisterExtension
    static final TestStores stores = new TestStores();

    private AnalyticsFixture fixture;
    private PublicDashboard dashboard;

    @BeforeEach
    void aSmallCity() {
        MongoDatabase database = stores.freshDatabase();
        fixture = new AnalyticsFixture(database);
        fixture.feed(AnalyticsFixture.history(stores.protector));
        dashboard = new PublicDashboard(new AnalyticsRows(MongoReadStore.of(database)),
                Clock.fixed(Instant.parse("2025-08-01T00:00:00Z"), ZoneOffset.UTC),
                new DashboardSettings(Duration.ofMillis(100), new DashboardSettings.Stream(Duration.ofSeconds(15))));
    }

    @Test
    void whileNothingMovesEveryRequestGetsTheFiguresComputedOnce() {
        DashboardFigures first = dashboard.figures().block();
        DashboardFigures tama = dashboard.figures(Ward.TAMA).block();

        assertThat(dashboard.figures().block()).isSameAs(first);
        assertThat(dashboard.figures(Ward.TAMA).block()).isSameAs(tama).isNotEqualTo(first);
        assertThat(tama.ward()).isEqualTo("tama");
        assertThat(first.ward()).isNull();
    }

    @Test
    void aMoveOfTheReadModelsGivesNewFigures() {
        DashboardFigures before = dashboard.figures().block();
        DashboardFigures tamaBefore = dashboard.figures(Ward.TAMA).block();

        fixture.feed(ProposalStory.submitted(stores.protector, "p-new", Ward.SAIWAI, "提案", "本文", List.of("緑化"),
                ProposalProgramme.CITIZEN_PROPOSAL, Instant.parse("2025-07-20T01:00:00Z")).messages());

        DashboardFigures after = dashboard.figures().block();
        assertThat(after.proposals().allTime().received()).isEqualTo(before.proposals().allTime().received() + 1);
        assertThat(after.proposals().thisFiscalYear().open())
                .isEqualTo(before.proposals().thisFiscalYear().open() + 1);
        DashboardFigures tamaAfter = dashboard.figures(Ward.TAMA).block();
        assertThat(tamaAfter).isNotSameAs(tamaBefore).isEqualTo(tamaBefore);
    }

    @Test
    void theLiveFeedStartsWithTheCityFiguresTheRequestsGet() {
        DashboardFigures served = dashboard.figures().block();

        assertThat(dashboard.changes().blockFirst(Duration.ofSeconds(60))).isSameAs(served);
    }
}
