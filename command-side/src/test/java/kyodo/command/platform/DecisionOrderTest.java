package kyodo.command.platform;

import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionEvent;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.ProblemDetails;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Decisions are appended and committed one unit of work at a time, and only that window is held:
 * the handling before it and units of work without decisions do not wait.
 */
class DecisionOrderTest {

    /** What happened, in order, across the units of work of a test. */
    private final List<String> steps = new CopyOnWriteArrayList<>();
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(new Recording()).build();
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        other.shutdownNow();
        eventStore.shutDown();
    }

    @Test
    void aDecisionHoldsTheOrderFromItsAppendUntilItsTransactionHasCommitted() {
        DecisionOrder order = new DecisionOrder(eventStore, Duration.ofSeconds(5));

        UnitOfWork<?> unitOfWork = start("a", order);
        eventStore.publish(decision("a"));
        steps.add("a handled, held " + order.busy());
        unitOfWork.commit();
        steps.add("after, held " + order.busy());

        assertThat(steps).containsExactly("a handled, held false", "a appended, held true",
                "a committed, held true", "after, held false");
    }

    @Test
    void aUnitOfWorkWithoutADecisionNeverTakesTheOrder() {
        DecisionOrder order = new DecisionOrder(eventStore, Duration.ofSeconds(5));

        UnitOfWork<?> unitOfWork = start("a", order);
        eventStore.publish(GenericEventMessage.asEventMessage("a progress update"));
        unitOfWork.commit();

        assertThat(steps).containsExactly("a appended, held false", "a committed, held false");
    }

    @Test
    void aSecondDecisionIsAppendedOnlyAfterTheFirstHasCommitted() throws Exception {
        // patience far beyond the test's pause: a loaded machine must not make the second give up
        DecisionOrder order = new DecisionOrder(eventStore, Duration.ofSeconds(60));
        CountDownLatch firstAppended = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);

        Future<?> first = other.submit(() -> {
            UnitOfWork<?> unitOfWork = start("first", order);
            unitOfWork.onCommit(u -> await(mayCommit)); // runs before the transaction's commit
            eventStore.publish(decision("first"));
            unitOfWork.onPrepareCommit(u -> firstAppended.countDown()); // runs after the append
            unitOfWork.commit();
        });
        assertThat(firstAppended.await(60, TimeUnit.SECONDS)).isTrue();
        CountDownLatch secondStarted = new CountDownLatch(1);
        Thread second = new Thread(() -> {
            UnitOfWork<?> unitOfWork = start("second", order);
            eventStore.publish(decision("second"));
            steps.add("second handled");
            secondStarted.countDown();
            unitOfWork.commit();
        });
        second.start();
        assertThat(secondStarted.await(60, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200); // time in which the second would append, were it not held
        steps.add("first may commit");
        mayCommit.countDown();
        first.get(60, TimeUnit.SECONDS);
        second.join(60_000);

        assertThat(steps).containsExactly("first appended, held true", "second handled", "first may commit",
                "first committed, held true", "second appended, held true", "second committed, held true");
        assertThat(order.busy()).isFalse();
    }

    @Test
    void decisionsCommittedConcurrentlyBecomeVisibleInTheOrderOfTheirIndexes() throws Exception {
        Indexed store = new Indexed();
        EmbeddedEventStore indexed = EmbeddedEventStore.builder().storageEngine(store).build();
        DecisionOrder order = new DecisionOrder(indexed, Duration.ofSeconds(30));
        int decisions = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < decisions; i++) {
                String name = "d" + i;
                all.add(pool.submit(() -> {
                    UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
                    unitOfWork.attachTransaction(() -> new Transaction() {
                        @Override
                        public void commit() {
                            store.commit(unitOfWork);
                        }

                        @Override
                        public void rollback() {
                            store.rollback(unitOfWork);
                        }
                    });
                    indexed.publish(decision(name));
                    unitOfWork.commit();
                }));
            }
            for (Future<?> f : all) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            indexed.shutDown();
        }
        assertThat(store.visible).hasSize(decisions);
        assertThat(store.visible).isSorted();
        assertThat(order.busy()).isFalse();
    }

    @Test
    void aDecisionThatWaitsLongerThanThePatienceIsRefusedAsUnavailableAndNotAppended() throws Exception {
        DecisionOrder order = new DecisionOrder(eventStore, Duration.ofMillis(100));
        CountDownLatch firstAppended = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);
        Future<?> first = other.submit(() -> {
            UnitOfWork<?> unitOfWork = start("first", order);
            unitOfWork.onCommit(u -> await(mayCommit));
            eventStore.publish(decision("first"));
            unitOfWork.onPrepareCommit(u -> firstAppended.countDown());
            unitOfWork.commit();
        });
        assertThat(firstAppended.await(60, TimeUnit.SECONDS)).isTrue();

        UnitOfWork<?> unitOfWork = start("second", order);
        eventStore.publish(decision("second"));
        Throwable refused = catchThrowable(unitOfWork::commit);
        mayCommit.countDown();
        first.get(60, TimeUnit.SECONDS);

        assertThat(refused).isInstanceOf(CommandExecutionException.class);
        ProblemDetails problem = ((CommandExecutionException) refused).getDetails()
                .map(ProblemDetails.class::cast).orElseThrow();
        assertThat(problem.slug()).isEqualTo(CommonProblems.UNAVAILABLE.slug());
        assertThat(steps).containsExactly("first appended, held true", "second rolled back, held true",
                "first committed, held true");
        assertThat(order.busy()).isFalse();
    }

    @Test
    void aDecisionWaitsAsLongAsTheDecisionsBeforeItKeepCommittingAndIsRefusedOnlyWhenTheOrderStandsStill()
            throws Exception {
        // a clock of the test's own: how long anything waited is what the test says, not the machine's load
        AtomicLong clock = new AtomicLong();
        DecisionOrder.Queue queue = new DecisionOrder.Queue(Duration.ofSeconds(1), clock::get);
        ExecutorService waiters = Executors.newFixedThreadPool(3);
        try {
            assertThat(queue.acquire()).isTrue();
            CountDownLatch secondMayRelease = new CountDownLatch(1);
            Future<Boolean> second = waiters.submit(() -> takeAndHold(queue, secondMayRelease));
            awaitWaiting(queue, 1);
            CountDownLatch thirdMayRelease = new CountDownLatch(1);
            Future<Boolean> third = waiters.submit(() -> takeAndHold(queue, thirdMayRelease));
            awaitWaiting(queue, 2);

            clock.addAndGet(Duration.ofMillis(900).toNanos());
            queue.release(); // the first commits: the second's turn
            awaitWaiting(queue, 1);
            // the third has now waited 1.8 s; the order moved 0.9 s ago
            clock.addAndGet(Duration.ofMillis(900).toNanos());
            secondMayRelease.countDown();
            assertThat(second.get(60, TimeUnit.SECONDS)).isTrue();
            awaitWaiting(queue, 0);

            Future<Boolean> fourth = waiters.submit(queue::acquire); // behind the third, which does not commit
            awaitWaiting(queue, 1);
            clock.addAndGet(Duration.ofMillis(900).toNanos());
            Future<Boolean> fifth = waiters.submit(() -> takeAndHold(queue, new CountDownLatch(0)));
            awaitWaiting(queue, 2);
            clock.addAndGet(Duration.ofMillis(200).toNanos()); // still for 1.1 s; the fifth came 0.2 s ago
            assertThat(fourth.get(60, TimeUnit.SECONDS)).isFalse();
            assertThat(queue.refused()).isEqualTo(1);
            awaitWaiting(queue, 1);

            thirdMayRelease.countDown();
            assertThat(third.get(60, TimeUnit.SECONDS)).isTrue();
            assertThat(fifth.get(60, TimeUnit.SECONDS)).isTrue();
            assertThat(queue.acquire()).isTrue(); // the refused decision's turn is skipped
            queue.release();
            assertThat(queue.held()).isFalse();
            assertThat(queue.refused()).isEqualTo(1);
        } finally {
            waiters.shutdownNow();
        }
    }

    @Test
    void theThreadHoldingTheOrderMayTakeItAgainAndPassesItOnWhenItsLastHoldEnds() throws Exception {
        DecisionOrder.Queue queue = new DecisionOrder.Queue(Duration.ofSeconds(60));
        assertThat(queue.acquire()).isTrue();
        assertThat(queue.acquire()).isTrue();
        Future<Boolean> other = this.other.submit(() -> {
            boolean took = queue.acquire();
            queue.release();
            return took;
        });
        awaitWaiting(queue, 1);
        queue.release();
        assertThat(queue.held()).isTrue();
        assertThat(queue.waiting()).isEqualTo(1);
        queue.release();
        assertThat(other.get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(queue.held()).isFalse();
        assertThatThrownBy(queue::release).isInstanceOf(IllegalMonitorStateException.class);
    }

    @Test
    void aDecisionWhoseCommitFailsReleasesTheOrder() {
        DecisionOrder order = new DecisionOrder(eventStore, Duration.ofMillis(100));

        UnitOfWork<?> failing = start("a", order, true);
        eventStore.publish(decision("a"));
        assertThatThrownBy(failing::commit).hasMessage("disk full");
        UnitOfWork<?> next = start("b", order);
        eventStore.publish(decision("b"));
        next.commit();

        assertThat(steps).containsExactly("a appended, held true", "a failed to commit, held true",
                "a rolled back, held true", "b appended, held true", "b committed, held true");
        assertThat(order.busy()).isFalse();
    }

    @Test
    void aDecisionOfACommandNestedInAnotherUnitOfWorkIsHeldWhenTheOuterOneAppends() {
        DecisionOrder order = new DecisionOrder(eventStore, Duration.ofSeconds(5));

        UnitOfWork<?> outer = start("outer", order);
        DefaultUnitOfWork<?> nested = DefaultUnitOfWork.startAndGet(null);
        eventStore.publish(decision("nested"));
        nested.commit();
        steps.add("nested committed, held " + order.busy());
        outer.commit();

        assertThat(steps).containsExactly("nested committed, held false", "outer appended, held true",
                "outer committed, held true");
        assertThat(order.busy()).isFalse();
    }

    @Test
    void aDecisionOutsideAUnitOfWorkIsRefusedAndNotAppended() {
        new DecisionOrder(eventStore, Duration.ofSeconds(5));

        assertThatThrownBy(() -> eventStore.publish(decision("a"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("A decision is recorded only inside a unit of work.");
        assertThat(eventStore.readEvents("a").hasNext()).isFalse();
        assertThat(steps).isEmpty();
    }

    private UnitOfWork<?> start(String name, DecisionOrder order) {
        return start(name, order, false);
    }

    /** A unit of work named {@code name} with a transaction that records whether the order is held. */
    private UnitOfWork<?> start(String name, DecisionOrder order, boolean commitFails) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.resources().put("name", name);
        unitOfWork.attachTransaction(() -> new Transaction() {
            @Override
            public void commit() {
                if (commitFails) {
                    steps.add(name + " failed to commit, held " + order.busy());
                    throw new IllegalStateException("disk full");
                }
                steps.add(name + " committed, held " + order.busy());
            }

            @Override
            public void rollback() {
                steps.add(name + " rolled back, held " + order.busy());
            }
        });
        unitOfWork.resources().put("order", order);
        return unitOfWork;
    }

    private static EventMessage<?> decision(String subject) {
        return new org.axonframework.eventhandling.GenericDomainEventMessage<>("Subject", subject, 0,
                new Decided(subject));
    }

    /** Takes the order, holds it until {@code mayRelease}, releases it; whether it got the order. */
    private static boolean takeAndHold(DecisionOrder.Queue queue, CountDownLatch mayRelease) {
        boolean took = queue.acquire();
        if (took) {
            await(mayRelease);
            queue.release();
        }
        return took;
    }

    /** Polls (at most 60 s) until exactly {@code count} decisions wait for their turn. */
    private static void awaitWaiting(DecisionOrder.Queue queue, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (queue.waiting() != count) {
            assertThat(System.nanoTime()).as("decisions waiting: %d, expected %d", queue.waiting(), count)
                    .isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(60, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A decision event of no particular kind. */
    record Decided(String subject) implements DecisionEvent {
        @Override
        public Decision decision() {
            return null;
        }
    }

    /** The in-memory store, noting each append with the unit of work's name and whether the order is held. */
    private class Recording extends InMemoryEventStorageEngine {
        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            if (!CurrentUnitOfWork.isStarted()) {
                steps.add("appended outside a unit of work");
            } else {
                UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
                DecisionOrder order = (DecisionOrder) unitOfWork.root().resources().get("order");
                steps.add(unitOfWork.root().resources().get("name") + " appended, held " + order.busy());
            }
            super.appendEvents(events);
        }
    }

    /**
     * A store that gives each append the next index and makes it visible at its transaction's commit,
     * each commit taking longer the earlier the events were appended: without an order, later indexes
     * would become visible first.
     */
    private static class Indexed extends InMemoryEventStorageEngine {

        private final AtomicLong next = new AtomicLong();
        private final Map<UnitOfWork<?>, Long> staged = new ConcurrentHashMap<>();
        final List<Long> visible = new CopyOnWriteArrayList<>();

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            staged.put(CurrentUnitOfWork.get().root(), next.incrementAndGet());
        }

        void commit(UnitOfWork<?> unitOfWork) {
            long index = staged.remove(unitOfWork);
            try {
                Thread.sleep(Math.max(0, 20 - index / 2));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            visible.add(index);
        }

        void rollback(UnitOfWork<?> unitOfWork) {
            staged.remove(unitOfWork);
        }
    }
}
