package kyodo.ops.bench;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;
import kyodo.kernel.Yen;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.project.BudgetEnvelopeSet;
import kyodo.kernel.project.WardBudgetId;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BenchLoaderTest {

    private static final FiscalYear YEAR = FiscalYear.of(2026);

    @Test
    void aSecondLoadAddsToTheEnvelopeTheBudgetHoldsNowFromItsOwnEvents() {
        EventStore events = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        String saiwai = WardBudgetId.of(Ward.SAIWAI, YEAR);
        String tama = WardBudgetId.of(Ward.TAMA, YEAR);
        assertThat(BenchLoader.envelopeInPlace(events, saiwai)).isZero();
        events.publish(set(saiwai, 0, 55_000_000), set(saiwai, 1, 130_690_000), set(tama, 0, 70_000_000));
        assertThat(BenchLoader.envelopeInPlace(events, saiwai)).isEqualTo(130_690_000);
        assertThat(BenchLoader.envelopeInPlace(events, tama)).isEqualTo(70_000_000);
    }

    private static GenericDomainEventMessage<BudgetEnvelopeSet> set(String budgetId, long sequence, long yen) {
        Ward ward = budgetId.contains(Ward.SAIWAI.code()) ? Ward.SAIWAI : Ward.TAMA;
        Decision decision = new Decision("d-" + budgetId + sequence, SubjectType.WARD_BUDGET, budgetId, ward,
                DecisionKind.BUDGET_ENVELOPE, DecisionOutcome.SET, "予算枠", BenchSubjects.by("ADMIN"),
                Instant.parse("2026-04-01T00:00:00Z"), null);
        return new GenericDomainEventMessage<>("WardBudget", budgetId, sequence,
                new BudgetEnvelopeSet(budgetId, ward, YEAR, Yen.of(yen), decision));
    }
}
