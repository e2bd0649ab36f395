package kyodo.command.budget;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.Yen;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.project.BudgetEnvelopeSet;
import kyodo.kernel.project.FundsReleased;
import kyodo.kernel.project.FundsReserved;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

class WardBudgetTest {

    private static final String ID = "saiwai-2025";
    private static final StaffRef ADMIN = new StaffRef("s-1", "ADMIN");
    private static final Instant AT = Instant.parse("2025-04-01T00:00:00Z");
    /** 5,500万円, the ward budget line since FY2006. */
    private static final Yen ENVELOPE = Yen.of(55_000_000);

    private FixtureConfiguration<WardBudget> fixture;
    private final Set<String> recordedByProject = new HashSet<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(WardBudget.class);
        fixture.registerInjectableResource(new BudgetSettings(Duration.ofMinutes(10)));
        fixture.registerInjectableResource((AllocationLedger) (project, allocation) ->
                recordedByProject.contains(allocation));
    }

    private static BudgetEnvelopeSet envelopeSet(Yen envelope) {
        return new BudgetEnvelopeSet(ID, Ward.SAIWAI, FiscalYear.of(2025), envelope, new Decision("d-1",
                SubjectType.WARD_BUDGET, ID, Ward.SAIWAI, DecisionKind.BUDGET_ENVELOPE, DecisionOutcome.SET, "当初予算",
                ADMIN, AT, null));
    }

    private static FundsReserved reserved(String allocation, long yen) {
        return new FundsReserved(ID, allocation, "p-1", Yen.of(yen), AT);
    }

    private static Matcher<Throwable> refused(String slug) {
        return org.axonframework.test.matchers.Matchers.predicate(e ->
                e instanceof KyodoProblemException problem && problem.type().slug().equals(slug));
    }

    @Test
    void settingTheEnvelopeCreatesTheBudgetAsADecision() {
        fixture.givenNoPriorActivity()
                .when(new SetEnvelope(ID, null, Ward.SAIWAI, FiscalYear.of(2025), ENVELOPE, "d-1", " 当初予算 ", AT, ADMIN))
                .expectEvents(envelopeSet(ENVELOPE));
    }

    @Test
    void anEnvelopeSetAgainAgainstAnOlderVersionIsRefusedAsStale() {
        fixture.given(envelopeSet(ENVELOPE), reserved("a-1", 50_000_000))
                .when(new SetEnvelope(ID, 0L, Ward.SAIWAI, FiscalYear.of(2025), Yen.of(60_000_000), "d-2", "補正", AT,
                        ADMIN))
                .expectNoEvents()
                .expectException(refused("stale-version"));
    }

    @Test
    void anEnvelopeSetAgainstTheCurrentVersionIsTaken() {
        fixture.given(envelopeSet(ENVELOPE), reserved("a-1", 50_000_000))
                .when(new SetEnvelope(ID, 1L, Ward.SAIWAI, FiscalYear.of(2025), Yen.of(60_000_000), "d-2", "補正", AT,
                        ADMIN))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anIfMatchForABudgetNotYetSetIsRefusedAsStale() {
        fixture.givenNoPriorActivity()
                .when(new SetEnvelope(ID, 0L, Ward.SAIWAI, FiscalYear.of(2025), ENVELOPE, "d-1", "当初予算", AT, ADMIN))
                .expectNoEvents()
                .expectException(refused("stale-version"));
    }

    @Test
    void reservesWhatTheEnvelopeCovers() {
        fixture.given(envelopeSet(ENVELOPE), reserved("a-1", 50_000_000))
                .when(new ReserveFunds(ID, "a-2", "p-2", Yen.of(5_000_000), AT))
                .expectEvents(new FundsReserved(ID, "a-2", "p-2", Yen.of(5_000_000), AT))
                .expectScheduledDeadlineWithName(AT.plus(Duration.ofMinutes(10)), WardBudget.RESERVATION_EXPIRY);
    }

    @Test
    void neverReservesBeyondTheEnvelope() {
        fixture.given(envelopeSet(ENVELOPE), reserved("a-1", 50_000_000))
                .when(new ReserveFunds(ID, "a-2", "p-2", Yen.of(5_000_001), AT))
                .expectNoEvents()
                .expectException(refused("budget-envelope-exceeded"));
    }

    @Test
    void theSameAllocationIsReservedOnce() {
        fixture.given(envelopeSet(ENVELOPE), reserved("a-1", 50_000_000))
                .when(new ReserveFunds(ID, "a-1", "p-1", Yen.of(50_000_000), AT))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void theEnvelopeCannotShrinkBelowWhatIsReserved() {
        fixture.given(envelopeSet(ENVELOPE), reserved("a-1", 50_000_000))
                .when(new SetEnvelope(ID, null, Ward.SAIWAI, FiscalYear.of(2025), Yen.of(49_999_999), "d-2", "減額", AT,
                        ADMIN))
                .expectException(refused("budget-envelope-below-allocated"));
    }

    @Test
    void releasedMoneyCanBeReservedAgain() {
        fixture.given(envelopeSet(ENVELOPE), reserved("a-1", 55_000_000),
                        new FundsReleased(ID, "a-1", "p-1", Yen.of(55_000_000), "refused", AT))
                .when(new ReserveFunds(ID, "a-2", "p-2", Yen.of(55_000_000), AT))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void releasingAReservationThatWasNeverMadeChangesNothing() {
        fixture.given(envelopeSet(ENVELOPE))
                .when(new ReleaseFunds(ID, "never-reserved", "p-1", Yen.of(1_000_000), "compensation", AT))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aReleasedReservationReturnsItsOwnAmount() {
        fixture.given(envelopeSet(ENVELOPE), reserved("a-1", 2_000))
                .when(new ReleaseFunds(ID, "a-1", "p-1", Yen.of(9_999_999), "refused", AT))
                .expectEvents(new FundsReleased(ID, "a-1", "p-1", Yen.of(2_000), "refused", AT));
    }

    @Test
    void anUnspentReturnNeverExceedsWhatTheProjectHolds() {
        fixture.given(envelopeSet(ENVELOPE), reserved("a-1", 2_000))
                .when(new ReleaseFunds(ID, "termination-p-1", "p-1", Yen.of(5_000), "terminated", AT))
                .expectEvents(new FundsReleased(ID, "termination-p-1", "p-1", Yen.of(2_000), "terminated", AT));
    }

    @Test
    void aReleaseHappensOnce() {
        fixture.given(envelopeSet(ENVELOPE), reserved("a-1", 1_000),
                        new FundsReleased(ID, "a-1", "p-1", Yen.of(1_000), "refused", AT))
                .when(new ReleaseFunds(ID, "a-1", "p-1", Yen.of(1_000), "again", AT))
                .expectNoEvents();
    }

    @Test
    void aReservationTheProjectNeverRecordedIsReleasedWhenItExpires() {
        Instant expiry = AT.plus(Duration.ofMinutes(10));
        fixture.givenCurrentTime(AT)
                .andGiven(envelopeSet(ENVELOPE))
                .andGivenCommands(new ReserveFunds(ID, "a-1", "p-1", Yen.of(3_000_000), AT))
                .whenTimeAdvancesTo(expiry.plusSeconds(1))
                .expectEvents(new FundsReleased(ID, "a-1", "p-1", Yen.of(3_000_000), "配分が確定しなかったため予約を解除しました",
                        expiry));
    }

    @Test
    void aReservationTheProjectRecordedStaysWhenItExpires() {
        recordedByProject.add("a-1");
        fixture.givenCurrentTime(AT)
                .andGiven(envelopeSet(ENVELOPE))
                .andGivenCommands(new ReserveFunds(ID, "a-1", "p-1", Yen.of(3_000_000), AT))
                .whenTimeAdvancesTo(AT.plus(Duration.ofMinutes(11)))
                .expectNoEvents();
    }
}
