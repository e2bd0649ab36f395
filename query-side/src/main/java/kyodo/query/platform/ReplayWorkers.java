package kyodo.query.platform;

import kyodo.query.platform.store.SideBySide;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The threads that handle a {@link SinglePassReplay}'s batches: the replay's own and as many helpers as
 * the machine has further cores (at most one fewer than there are processors). Each batch's processors
 * are handed out one at a time, the costliest expected first ({@link ReplayProcessor#expectedCost}), to
 * whichever thread is free; a processor takes the batch's events on one thread and handles what it holds in
 * one unit of work there once that is enough ({@link ReplayProcessor}), whose commit writes its documents.
 * When every thread has finished the batch, the replay's thread stores the position of every processor
 * that holds nothing back (ADR 13: after every document of the batch, of both threads), and only then does
 * the next batch start, so a processor's units of work never overlap.
 * <p>
 * A failure on any thread stops the batch: no processor starts after it, the ones under way end (each
 * writes its documents or rolls them back), no position of the batch is stored, and {@link #handle}
 * throws the first failure once every thread has finished. Every position is then at the last batch
 * that every processor completed, or before it for a processor that held events then. {@link #close()}
 * ends the helper threads and waits for them; they are not interrupted (an interrupted file channel closes
 * the embedded read store).
 */
final class ReplayWorkers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayWorkers.class);
    static final String THREAD = "kyodo-replay-lanes";
    private static final Runnable STOP = () -> {
    };

    private final List<ReplayProcessor> processors;
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final List<Thread> helpers = new ArrayList<>();
    /** The batches' time from the hand-out to the last thread's end, in nanoseconds. */
    private long elapsed;

    /**
     * @param threads threads to handle the batches with, the replay's own included; fewer when there are
     *                fewer processors
     */
    ReplayWorkers(List<ReplayProcessor> processors, int threads) {
        this.processors = List.copyOf(processors);
        int helping = Math.max(0, Math.min(threads, processors.size()) - 1);
        for (int i = 0; i < helping; i++) {
            Thread helper = new Thread(this::help, THREAD);
            helper.setDaemon(true);
            helpers.add(helper);
        }
        helpers.forEach(Thread::start);
    }

    /**
     * Handles the batch with every processor, on every thread, and then stores their positions; returns
     * when all have finished it.
     *
     * @param units the events a processor holds before it handles them in one unit of work
     * @param last  whether this is the replay's last batch: every processor then handles all it holds
     */
    void handle(List<TrackedEventMessage<?>> batch, int units, boolean last) {
        List<ReplayProcessor> order = new ArrayList<>(processors);
        order.sort(Comparator.comparingLong((ReplayProcessor p) -> p.expectedCost(units, last)).reversed());
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable work = () -> {
            int i;
            while (failure.get() == null && (i = next.getAndIncrement()) < order.size()) {
                try {
                    order.get(i).handle(batch, units, last);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        long started = System.nanoTime();
        CountDownLatch done = new CountDownLatch(helpers.size());
        for (int i = 0; i < helpers.size(); i++) {
            tasks.add(() -> {
                try {
                    work.run();
                } finally {
                    done.countDown();
                }
            });
        }
        work.run();
        SideBySide.awaitUninterruptibly(done); // none may write after the batch returns
        elapsed += System.nanoTime() - started;
        Throwable failed = failure.get();
        if (failed == null) {
            try {
                processors.forEach(ReplayProcessor::storePositions);
            } catch (RuntimeException | Error e) {
                processors.forEach(ReplayProcessor::rollBack); // a stored one stays: after its documents anyway
                throw e;
            }
            return;
        }
        processors.forEach(ReplayProcessor::rollBack);
        SideBySide.rethrow(failed);
    }

    /** Ends the helper threads and waits until they have, and says how the work was shared. */
    @Override
    public void close() {
        if (elapsed > 0 && LOG.isInfoEnabled()) {
            LOG.info(shares());
        }
        helpers.forEach(helper -> tasks.add(STOP));
        SideBySide.joinUninterruptibly(helpers); // the helpers must end before the replay returns
    }

    /** Each processor's share of the handling time, and how busy the threads were. */
    private String shares() {
        long busy = processors.stream().mapToLong(ReplayProcessor::total).sum();
        StringBuilder text = new StringBuilder(String.format("replay on %d threads, busy %.0f %% of %.1f s:",
                helpers.size() + 1, 100.0 * busy / elapsed / (helpers.size() + 1), elapsed / 1e9));
        processors.stream().sorted(Comparator.comparingLong(ReplayProcessor::total).reversed()).forEach(p ->
                text.append(String.format(" %s %.1f %% (%d units of work)", p.name(),
                        100.0 * p.total() / Math.max(1, busy), p.units())));
        return text.toString();
    }

    private void help() {
        while (true) {
            Runnable task;
            try {
                task = tasks.take();
            } catch (InterruptedException e) {
                return; // nobody interrupts this thread but the JVM's end
            }
            if (task == STOP) {
                return;
            }
            task.run();
        }
    }
}
