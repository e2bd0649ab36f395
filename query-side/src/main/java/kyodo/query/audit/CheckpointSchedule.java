package kyodo.query.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Signs a checkpoint at least every {@code kyodo.audit.checkpoint-max-age} (one day) while the log
 * grows, also when it grows too slowly to reach the next multiple of
 * {@code kyodo.audit.checkpoint-every}. Checks every {@code kyodo.audit.checkpoint-check-interval}
 * (one hour) on a thread of its own.
 */
@Component
class CheckpointSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CheckpointSchedule.class);

    private final DecisionLog decisionLog;
    private final Checkpoints checkpoints;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration checkInterval;
    private ScheduledExecutorService executor;

    CheckpointSchedule(DecisionLog decisionLog, Checkpoints checkpoints, Clock clock, AuditSettings settings) {
        this.decisionLog = decisionLog;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.maxAge = settings.checkpointMaxAge();
        this.checkInterval = settings.checkpointCheckInterval();
    }

    /**
     * Issues a checkpoint of the whole log if it has entries no checkpoint covers and the latest
     * checkpoint (if any) is at least {@code maxAge} old.
     *
     * @return the checkpoint issued, if one was due
     */
    Optional<Checkpoint> checkDue() {
        long size = decisionLog.size();
        if (size == 0) {
            return Optional.empty();
        }
        Optional<Checkpoint> latest = checkpoints.latest();
        if (latest.isPresent() && (latest.get().treeSize() >= size
                || Instant.parse(latest.get().issuedAt()).plus(maxAge).isAfter(clock.instant()))) {
            return Optional.empty();
        }
        return Optional.of(checkpoints.issue(size, decisionLog.root(size)));
    }

    private void checkQuietly() {
        try {
            checkDue().ifPresent(c -> log.info("Signed checkpoint of the decision log at tree size {}", c.treeSize()));
        } catch (RuntimeException e) {
            log.warn("Scheduled decision-log checkpoint failed; retrying in {}: {}", checkInterval, e.toString());
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kyodo-audit-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        long millis = checkInterval.toMillis();
        executor.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
