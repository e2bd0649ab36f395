package kyodo.command.platform;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineToken;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nonnull;
import java.util.Arrays;
import java.util.Optional;

/**
 * Axon's deadline manager on db-scheduler, whose cancel accepts that the deadline is firing at that
 * very moment (ADR 7).
 *
 * <p>Why: an aggregate cancels a deadline in the unit of work that makes it moot (an answer or a
 * withdrawal cancels the response deadline). Axon's cancel lists the deadline's row (only rows not
 * picked), then cancels it by id; when db-scheduler picks the row in between, db-scheduler refuses
 * ("currently executing", or "removed 0" when the pick lands between its read and its delete), and the
 * answer failed although nothing was wrong: the bench load saw it a dozen times in 10,000 proposals.
 * A picked deadline cannot be stopped, and it need not be: its handler loads the aggregate through the
 * aggregate's lock, which this unit of work holds until it has committed or rolled back, so it sees
 * the answer and records nothing ({@code Proposal#onResponseDue}). Either the answer wins and the
 * deadline does nothing, or the overdue mark was committed first and the answer still succeeds.
 *
 * <p>Only that refusal is accepted: a deadline that is still waiting and cannot be cancelled fails the
 * unit of work as before.
 */
public class DbSchedulerDeadlines extends DbSchedulerDeadlineManager {

    private static final Logger log = LoggerFactory.getLogger(DbSchedulerDeadlines.class);
    /** db-scheduler's task name for Axon's deadlines (package-private in Axon). */
    static final String TASK = new DbSchedulerDeadlineToken("-").getTaskName();

    private final Scheduler scheduler;
    private final Serializer serializer;

    /**
     * @param builder    Axon's builder, with the same scheduler and serializer; its binary task format
     *                   (Axon's default) is the one this class reads
     * @param scheduler  the scheduler the builder was given
     * @param serializer the serializer the builder was given
     */
    public DbSchedulerDeadlines(Builder builder, Scheduler scheduler, Serializer serializer) {
        super(builder.scheduler(scheduler).serializer(serializer).useBinaryPojo(true));
        this.scheduler = scheduler;
        this.serializer = serializer;
    }

    @Override
    public void cancelAllWithinScope(@Nonnull String deadlineName, @Nonnull ScopeDescriptor scope) {
        runOnPrepareCommitOrNow(() -> {
            byte[] described = serializer.serialize(scope, byte[].class).getData();
            scheduler.fetchScheduledExecutionsForTask(TASK, DbSchedulerBinaryDeadlineDetails.class, execution -> {
                DbSchedulerBinaryDeadlineDetails details = execution.getData();
                if (deadlineName.equals(details.getD()) && Arrays.equals(described, details.getS())) {
                    cancelUnlessFiring(execution.getTaskInstance());
                }
            });
        });
    }

    /** Cancels the deadline, or leaves it when db-scheduler has picked it meanwhile (it fires, and finds out). */
    private void cancelUnlessFiring(TaskInstanceId deadline) {
        try {
            scheduler.cancel(deadline);
        } catch (TaskInstanceCurrentlyExecutingException | TaskInstanceNotFoundException | ExecutionException e) {
            Optional<ScheduledExecution<Object>> now = scheduler.getScheduledExecution(deadline);
            if (now.isPresent() && !now.get().isPicked()) {
                throw e;
            }
            log.debug("Deadline {} is firing or has fired; its handler sees this unit of work's outcome",
                    deadline.getId());
        }
    }
}
