package kyodo.command.budget;

import kyodo.command.platform.VersionedAggregate;
import kyodo.kernel.Ward;
import kyodo.kernel.Yen;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.project.BudgetEnvelopeSet;
import kyodo.kernel.project.FundsReleased;
import kyodo.kernel.project.FundsReserved;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A ward's budget for one fiscal year: its envelope and the money set aside for projects. The
 * invariant it alone guards: what is reserved never exceeds the envelope. Commands on it are
 * serialised per budget, so concurrent allocations cannot both take the last yen.
 */
@Aggregate
class WardBudget extends VersionedAggregate {

    static final String RESERVATION_EXPIRY = "budget-reservation-expiry";
    /** Release id of a terminated project's unspent allocation. */
    static final String UNSPENT_PREFIX = "termination-";

    @AggregateIdentifier
    private String budgetId;
    private Yen envelope = Yen.ZERO;
    private Yen reserved = Yen.ZERO;
    private final Map<String, Reservation> reservations = new HashMap<>();
    private final Set<String> releases = new HashSet<>();
    private final Map<String, Long> unspentReturned = new HashMap<>();

    WardBudget() {
        // for Axon: rebuilt from events
    }

    private record Reservation(String projectId, Yen amount) {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(SetEnvelope c) {
        // Created if missing, the budget is loaded without the expected version, so Axon's conflict
        // check (VersionedAggregate) never sees If-Match here: a stale envelope would overwrite a newer one.
        Long current = AggregateLifecycle.getVersion();
        if (c.expectedVersion() != null && !c.expectedVersion().equals(current)) {
            throw new KyodoProblemException(CommonProblems.STALE_VERSION,
                    "The budget has changed since the version given in If-Match.");
        }
        if (c.envelope() == null || c.reason() == null || c.reason().isBlank()) {
            throw new KyodoProblemException(CommonProblems.INVALID_INPUT, "An envelope needs an amount and a reason.");
        }
        if (reserved.compareTo(c.envelope()) > 0) {
            throw refused(BudgetProblems.BELOW_ALLOCATED, reserved + " is already set aside.");
        }
        return applied(new BudgetEnvelopeSet(c.budgetId(), c.ward(), c.fiscalYear(), c.envelope(),
                new Decision(c.decisionId(), SubjectType.WARD_BUDGET, c.budgetId(), c.ward(),
                        DecisionKind.BUDGET_ENVELOPE, DecisionOutcome.SET, c.reason().strip(), c.by(), c.at(), null)));
    }

    @CommandHandler
    long handle(ReserveFunds c, DeadlineManager deadlines, BudgetSettings settings) {
        if (reservations.containsKey(c.allocationId())) {
            return AggregateLifecycle.getVersion();
        }
        if (!c.amount().isPositive()) {
            throw refused(BudgetProblems.NOT_POSITIVE, "Allocate at least one yen.");
        }
        Yen available = envelope.minus(reserved);
        if (!available.covers(c.amount())) {
            throw new KyodoProblemException(BudgetProblems.EXCEEDED, c.amount() + " asked, " + available
                    + " available.", List.of(), Map.of("availableYen", available.amount()));
        }
        apply(new FundsReserved(budgetId, c.allocationId(), c.projectId(), c.amount(), c.at()));
        Instant expiresAt = c.at().plus(settings.reservationTimeout());
        deadlines.schedule(expiresAt, RESERVATION_EXPIRY, new Expiry(c.allocationId(), expiresAt));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(ReleaseFunds c) {
        if (releases.contains(c.releaseId())) {
            return AggregateLifecycle.getVersion();
        }
        Reservation reservation = reservations.get(c.releaseId());
        Yen amount;
        if (reservation != null) {
            amount = reservation.amount();
        } else if (c.releaseId().equals(UNSPENT_PREFIX + c.projectId())) {
            if (!c.amount().isPositive()) {
                throw refused(BudgetProblems.NOT_POSITIVE, "Release at least one yen.");
            }
            amount = c.amount().compareTo(reservedFor(c.projectId())) > 0 ? reservedFor(c.projectId()) : c.amount();
        } else {
            // nothing was reserved under that id: nothing to give back
            return AggregateLifecycle.getVersion();
        }
        if (amount.isPositive()) {
            apply(new FundsReleased(budgetId, c.releaseId(), c.projectId(), amount, c.reason(), c.at()));
        }
        return AggregateLifecycle.getVersion();
    }

    /** What a project still holds of this budget: its reservations minus what was released of them. */
    private Yen reservedFor(String projectId) {
        long held = reservations.entrySet().stream()
                .filter(r -> r.getValue().projectId().equals(projectId) && !releases.contains(r.getKey()))
                .mapToLong(r -> r.getValue().amount().amount()).sum();
        return Yen.of(Math.max(0, held - unspentReturned.getOrDefault(projectId, 0L)));
    }

    /**
     * A reservation the project never recorded (the process stopped between the two steps) goes
     * back to the budget when it expires.
     */
    @DeadlineHandler(deadlineName = RESERVATION_EXPIRY)
    void onReservationExpiry(Expiry expiry, AllocationLedger ledger) {
        Reservation reservation = reservations.get(expiry.allocationId());
        if (reservation != null && !releases.contains(expiry.allocationId())
                && !ledger.projectRecorded(reservation.projectId(), expiry.allocationId())) {
            apply(new FundsReleased(budgetId, expiry.allocationId(), reservation.projectId(), reservation.amount(),
                    "配分が確定しなかったため予約を解除しました", expiry.expiresAt()));
        }
    }

    /** The payload of a reservation's expiry deadline. */
    record Expiry(String allocationId, Instant expiresAt) {
    }

    @EventSourcingHandler
    void on(BudgetEnvelopeSet e) {
        budgetId = e.budgetId();
        envelope = e.envelope();
    }

    @EventSourcingHandler
    void on(FundsReserved e) {
        reservations.put(e.allocationId(), new Reservation(e.projectId(), e.amount()));
        reserved = reserved.plus(e.amount());
    }

    @EventSourcingHandler
    void on(FundsReleased e) {
        releases.add(e.releaseId());
        reserved = reserved.minus(e.amount());
        if (!reservations.containsKey(e.releaseId())) {
            unspentReturned.merge(e.projectId(), e.amount().amount(), Long::sum);
        }
    }

    Yen envelope() {
        return envelope;
    }

    Yen reserved() {
        return reserved;
    }

    private KyodoProblemException refused(kyodo.kernel.problem.ProblemKind type, String detail) {
        return new KyodoProblemException(type, detail);
    }

    /** The ward whose budget this is, read off its id ({@code saiwai-2025}); null before it exists. */
    @Override
    protected Ward ward() {
        return budgetId == null ? null : Ward.fromCode(budgetId.substring(0, budgetId.indexOf('-'))).orElse(null);
    }
}
