package kyodo.query.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Signs a checkpoint of the whole log soon after it grows: an append (in this process) arms one
 * signing {@link #batchDelay} later, and every entry appended until then is covered by that one
 * checkpoint; nothing is signed while the log does not grow. The batch delay is half of
 * {@code kyodo.audit.checkpoint-max-delay} (10 s; or of the older {@code checkpoint-max-age} if that is
 * smaller), the other half is the margin for reading the root and storing the checkpoint. A failed
 * signing is retried after another batch delay.
 * <p>
 * At start, on its thread and before anything else, the projection makes the log's Merkle frontier
 * ready ({@link DecisionLogProjection#prepare}). As a safety net for entries appended by another
 * process, or before a crash, the log is also checked at start and every {@code kyodo.audit.checkpoint-check-interval} (one hour). After each
 * signing and each check, the configured witnesses are asked to cosign the latest checkpoint
 * ({@link Witnessing}), on a thread of their own.
 */
@Component
class CheckpointSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CheckpointSchedule.class);

    private final DecisionLog decisionLog;
    private final Checkpoints checkpoints;
    private final DecisionFeed feed;
    private final Witnessing witnessing;
    private final Duration batchDelay;
    private final Duration checkInterval;
    private final Timer timer;
    /** What the projection makes ready at start ({@link DecisionLogProjection#prepare}); null in tests of the timer. */
    private final Runnable prepare;
    private boolean armed;
    private ScheduledExecutorService executor;
    private ExecutorService witnessExecutor;
    private Disposable appends;

    /** Runs a task once after a delay; the production timer is the schedule's own thread. */
    interface Timer {
        void after(Duration delay, Runnable task);
    }

    @Autowired
    CheckpointSchedule(DecisionLog decisionLog, Checkpoints checkpoints, DecisionFeed feed, Witnessing witnessing,
                       AuditSettings settings, DecisionLogProjection projection) {
        this(decisionLog, checkpoints, feed, witnessing, settings, null, projection::prepare);
    }

    /** With a timer of the caller's (tests); null for the schedule's own thread. */
    CheckpointSchedule(DecisionLog decisionLog, Checkpoints checkpoints, DecisionFeed feed, Witnessing witnessing,
                       AuditSettings settings, Timer timer) {
        this(decisionLog, checkpoints, feed, witnessing, settings, timer, null);
    }

    private CheckpointSchedule(DecisionLog decisionLog, Checkpoints checkpoints, DecisionFeed feed,
                               Witnessing witnessing, AuditSettings settings, Timer timer, Runnable prepare) {
        this.decisionLog = decisionLog;
        this.checkpoints = checkpoints;
        this.feed = feed;
        this.witnessing = witnessing;
        this.batchDelay = settings.checkpointDelay().dividedBy(2);
        this.checkInterval = settings.checkpointCheckInterval();
        this.timer = timer != null ? timer : this::onOwnThread;
        this.prepare = prepare;
    }

    /** The log grew: sign within the batch delay, unless a signing is already armed. */
    void appended() {
        synchronized (this) {
            if (armed) {
                return;
            }
            armed = true;
        }
        timer.after(batchDelay, this::signArmed);
    }

    private void signArmed() {
        synchronized (this) {
            armed = false; // entries appended from now on arm the next signing
        }
        try {
            coverLog().ifPresent(c -> log.debug("Signed checkpoint of the decision log at tree size {}",
                    c.treeSize()));
        } catch (RuntimeException e) {
            log.warn("Decision-log checkpoint failed; retrying in {}: {}", batchDelay, e.toString());
            appended();
        }
        witnessSoon();
    }

    /** Asks the witnesses to cosign the latest checkpoint, on a thread of their own: they never hold up signing. */
    private synchronized void witnessSoon() {
        if (witnessExecutor != null && witnessing.any()) {
            witnessExecutor.execute(witnessing::catchUp);
        }
    }

    /**
     * Issues a checkpoint of the whole log if it has entries no checkpoint covers.
     *
     * @return the checkpoint issued, if one was due
     */
    Optional<Checkpoint> coverLog() {
        long size = decisionLog.size();
        long latest = checkpoints.latestTreeSize();
        if (size == 0 || latest >= size) {
            return Optional.empty();
        }
        // The root the projection grew, even when an append stored entries after it a moment ago (their
        // append arms the next signing): the stored size's root would be computed again.
        Optional<DecisionLog.SizedRoot> known = decisionLog.knownRoot()
                .filter(root -> root.size() > latest && root.size() <= size);
        if (known.isPresent()) {
            return Optional.of(checkpoints.issue(known.get().size(), known.get().root()));
        }
        return Optional.of(checkpoints.issue(size, decisionLog.root(size)));
    }

    /** Signs the C2SP note of the latest checkpoint if it was issued before kyodo signed notes. */
    void noteLatest() {
        checkpoints.latest().filter(latest -> checkpoints.note(latest.treeSize()).isEmpty())
                .ifPresent(checkpoints::addNote);
    }

    private void checkQuietly() {
        try {
            coverLog().ifPresentOrElse(c -> log.info("Signed checkpoint of the decision log at tree size {}",
                    c.treeSize()), this::noteLatest);
        } catch (RuntimeException e) {
            log.warn("Scheduled decision-log checkpoint failed; retrying in {}: {}", checkInterval, e.toString());
        }
        witnessSoon();
    }

    /**
     * Has the projection make its frontier, the root to sign and the recent event ids ready before the
     * first decisions arrive, instead of inside their batch (under load: seconds); a failure only leaves
     * that to the first append.
     */
    private void prepareQuietly() {
        try {
            prepare.run();
        } catch (RuntimeException e) {
            log.warn("Preparing the decision log at start failed; the first decision does it: {}", e.toString());
        }
    }

    private synchronized void onOwnThread(Duration delay, Runnable task) {
        if (executor != null) {
            executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kyodo-audit-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        witnessExecutor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kyodo-audit-witnesses");
            thread.setDaemon(true);
            return thread;
        });
        armed = false; // an append before the start armed nothing: the check at 0 covers it
        if (prepare != null) {
            executor.execute(this::prepareQuietly); // before the check at 0, which then signs the known root
        }
        long millis = checkInterval.toMillis();
        executor.scheduleWithFixedDelay(this::checkQuietly, 0, millis, TimeUnit.MILLISECONDS);
        appends = feed.appendedHere().subscribe(size -> appended());
    }

    @Override
    public synchronized void stop() {
        if (appends != null) {
            appends.dispose();
            appends = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
        if (witnessExecutor != null) {
            witnessExecutor.shutdownNow();
            witnessExecutor = null;
        }
        armed = false;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
