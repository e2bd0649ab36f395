package kyodo.command.platform;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

/**
 * An answer cancels its proposal's response deadline in its unit of work while db-scheduler fires that
 * deadline: the answer still commits, and the fired deadline is left to its handler, which sees the
 * answer (the proposal's lock orders the two). The race is made deterministic: db-scheduler "picks"
 * the deadline exactly between Axon's listing of it and its cancel, as its poller does.
 */
class DbSchedulerDeadlinesTest {

    private static final String DUE = "proposal-response-due";
    private static final Instant PAST = Instant.parse("2025-07-03T15:00:00Z");

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private JdbcDataSource dataSource;
    private Scheduler scheduler;
    private DbSchedulerDeadlines deadlines;

    @BeforeEach
    void scheduler() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:deadlines-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        CommandStorageConfiguration.createSchedulerTable(dataSource);
        // never started: the test picks rows itself, at the moment that matters
        scheduler = Scheduler.create(dataSource, DbSchedulerDeadlineManager.binaryTask(() -> deadlines)).build();
        deadlines = deadlines(scheduler);
    }

    @Test
    void anAnswerCommitsWhenItsDeadlineStartsFiringWhileItIsCancelled() throws SQLException {
        String answered = deadlines.schedule(PAST, DUE, "2025-07-03", proposal("p-1"));
        String other = deadlines.schedule(PAST, DUE, "2025-07-03", proposal("p-2"));
        Scheduler racing = spy(scheduler);
        pickWhileListed(racing, answered);

        ResultMessage<?> answer = answer("p-1", deadlines(racing));

        assertThat(answer.isExceptional()).as("%s", answer).isFalse();
        assertThat(answer.getPayload()).isEqualTo("answered p-1");
        assertThat(row(answered)).contains("picked");
        assertThat(row(other)).contains("waiting");
    }

    @Test
    void anAnswerCancelsItsWaitingDeadlineAndNoOther() throws SQLException {
        String answered = deadlines.schedule(PAST, DUE, "2025-07-03", proposal("p-1"));
        String otherProposal = deadlines.schedule(PAST, DUE, "2025-07-03", proposal("p-2"));
        String otherDeadline = deadlines.schedule(PAST, "another-deadline", "x", proposal("p-1"));

        ResultMessage<?> answer = answer("p-1", deadlines);

        assertThat(answer.isExceptional()).as("%s", answer).isFalse();
        assertThat(row(answered)).isEmpty();
        assertThat(row(otherProposal)).contains("waiting");
        assertThat(row(otherDeadline)).contains("waiting");
    }

    @Test
    void anAnswerFailsWhenAWaitingDeadlineCannotBeCancelled() throws SQLException {
        String waiting = deadlines.schedule(PAST, DUE, "2025-07-03", proposal("p-1"));
        Scheduler refusing = spy(scheduler);
        doThrow(new TaskInstanceCurrentlyExecutingException(DbSchedulerDeadlines.TASK, waiting))
                .when(refusing).cancel(any(TaskInstanceId.class));

        ResultMessage<?> answer = answer("p-1", deadlines(refusing));

        assertThat(answer.isExceptional()).isTrue();
        assertThat(answer.exceptionResult()).isInstanceOf(TaskInstanceCurrentlyExecutingException.class);
        assertThat(row(waiting)).contains("waiting");
    }

    /** The unit of work of an answer to that proposal: it cancels the response deadline, as the aggregate does. */
    private ResultMessage<?> answer(String proposalId, DbSchedulerDeadlines manager) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(
                GenericCommandMessage.asCommandMessage("answer " + proposalId));
        return unitOfWork.executeWithResult(() -> {
            manager.cancelAllWithinScope(DUE, proposal(proposalId));
            return "answered " + proposalId;
        });
    }

    /** db-scheduler's poller picks that deadline after it was listed, right before the cancel reaches it. */
    @SuppressWarnings("unchecked")
    private void pickWhileListed(Scheduler racing, String instance) {
        doAnswer(call -> {
            Consumer<ScheduledExecution<DbSchedulerBinaryDeadlineDetails>> cancel = call.getArgument(2);
            scheduler.fetchScheduledExecutionsForTask(call.getArgument(0), call.getArgument(1),
                    (Consumer<ScheduledExecution<DbSchedulerBinaryDeadlineDetails>>) execution -> {
                        if (execution.getTaskInstance().getId().equals(instance)) {
                            pick(instance);
                        }
                        cancel.accept(execution);
                    });
            return null;
        }).when(racing).fetchScheduledExecutionsForTask(anyString(), any(Class.class), any(Consumer.class));
    }

    /** What db-scheduler's poller does to a due execution it takes. */
    private void pick(String instance) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE scheduled_tasks SET picked = TRUE, picked_by = 'poller', last_heartbeat = CURRENT_TIMESTAMP, "
                        + "version = version + 1 WHERE task_name = ? AND task_instance = ? AND picked = FALSE")) {
            s.setString(1, DbSchedulerDeadlines.TASK);
            s.setString(2, instance);
            assertThat(s.executeUpdate()).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The deadline's row: "picked", "waiting", or none. */
    private Optional<String> row(String instance) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT picked FROM scheduled_tasks WHERE task_name = ? AND task_instance = ?")) {
            s.setString(1, DbSchedulerDeadlines.TASK);
            s.setString(2, instance);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBoolean(1) ? "picked" : "waiting") : Optional.empty();
            }
        }
    }

    private DbSchedulerDeadlines deadlines(Scheduler on) {
        return new DbSchedulerDeadlines(DbSchedulerDeadlineManager.builder()
                .scopeAwareProvider(scope -> Stream.empty())
                .startScheduler(false)
                .stopScheduler(false), on, serializer);
    }

    private static ScopeDescriptor proposal(String id) {
        return new AggregateScopeDescriptor("Proposal", id);
    }
}
