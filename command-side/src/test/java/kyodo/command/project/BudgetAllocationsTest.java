package kyodo.command.project;

import kyodo.command.budget.ReleaseFunds;
import kyodo.command.budget.ReserveFunds;
import kyodo.command.platform.CommandOutcomes;
import kyodo.command.platform.CommandWorkers;
import kyodo.command.sending.AggregateCommands;
import kyodo.command.sending.CommandDispatch;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;
import kyodo.kernel.Yen;
import kyodo.kernel.access.Actor;
import kyodo.kernel.access.Role;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.when;

/**
 * The reservation is given back at once only when the project's failure proves it stored nothing; after a
 * failure of unknown outcome the project may still record the allocation, so the money stays reserved until
 * the reservation's expiry asks the event store (ADR 9).
 */
class BudgetAllocationsTest {

    private static final String PROJECT = "p-1";
    private static final Actor HEAD = new Actor("t-head-saiwai", Role.WARD_HEAD, Ward.SAIWAI);

    private final CommandDispatch dispatch = mock(CommandDispatch.class);
    private final AggregateCommands commands = mock(AggregateCommands.class);
    private BudgetAllocations allocations;

    @BeforeEach
    void setUp() {
        ProjectRecords records = mock(ProjectRecords.class);
        when(records.placeOf(PROJECT)).thenReturn(Optional.of(
                new ProjectRecords.Place(Ward.SAIWAI, FiscalYear.of(2025), 4)));
        when(commands.now()).thenReturn(Instant.parse("2025-06-01T00:00:00Z"));
        when(dispatch.send(any(), eq(HEAD))).thenReturn(Mono.just(1L));
        allocations = new BudgetAllocations(records, dispatch, commands,
                new CommandWorkers(2, 100, Duration.ofSeconds(10), Duration.ofSeconds(75)));
    }

    @Test
    void aRefusalByTheProjectReleasesTheReservationAtOnce() {
        KyodoProblemException refusal = new KyodoProblemException(ProjectProblems.NO_WARD_BUDGET, "refused");
        projectAnswers(refusal);

        assertThatThrownBy(this::allocate).isSameAs(refusal);

        assertThat(sent()).hasSize(2);
        assertThat(sent().get(0)).isInstanceOf(ReserveFunds.class);
        ReleaseFunds release = (ReleaseFunds) sent().get(1);
        assertThat(release.releaseId()).isEqualTo(((ReserveFunds) sent().get(0)).allocationId());
    }

    @Test
    void aCommandWithdrawnBeforeItStartedReleasesTheReservation() {
        projectAnswers(CommandOutcomes.withdrawn());

        assertThatThrownBy(this::allocate).isInstanceOf(KyodoProblemException.class);

        assertThat(sent()).extracting(Object::getClass).containsExactly(ReserveFunds.class, ReleaseFunds.class);
    }

    @Test
    void anUnknownOutcomeKeepsTheReservationForItsExpiry() {
        projectAnswers(CommandOutcomes.outcomeUnknown());

        assertThatThrownBy(this::allocate).isInstanceOf(KyodoProblemException.class)
                .satisfies(e -> assertThat(((KyodoProblemException) e).type().slug())
                        .isEqualTo(CommonProblems.COMMAND_OUTCOME_UNKNOWN.slug()));

        assertThat(sent()).extracting(Object::getClass).containsExactly(ReserveFunds.class);
    }

    @Test
    void aTimeoutOrAnInternalErrorKeepsTheReservationForItsExpiry() {
        projectAnswers(new TimeoutException("no answer"));
        assertThatThrownBy(this::allocate).hasCauseInstanceOf(TimeoutException.class);

        projectAnswers(new IllegalStateException("lost the connection"));
        assertThatThrownBy(this::allocate).isInstanceOf(IllegalStateException.class);

        assertThat(sent()).extracting(Object::getClass).containsExactly(ReserveFunds.class, ReserveFunds.class);
    }

    private void projectAnswers(Throwable failure) {
        when(commands.send(eq(PROJECT), any(), eq(HEAD), any())).thenReturn(Mono.error(failure));
    }

    private void allocate() {
        allocations.allocate(PROJECT, null, Yen.of(1_000_000), "配分", HEAD).block();
    }

    /** The commands sent to the budget, in order. */
    private List<Object> sent() {
        return mockingDetails(dispatch).getInvocations().stream()
                .filter(invocation -> invocation.getMethod().getName().equals("send"))
                .map(invocation -> invocation.getArgument(0)).toList();
    }
}
