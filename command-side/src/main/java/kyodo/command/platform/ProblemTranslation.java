package kyodo.command.platform;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemDetails;
import kyodo.kernel.problem.ProblemType;
import org.axonframework.axonserver.connector.AxonServerException;
import org.axonframework.axonserver.connector.ErrorCode;
import org.axonframework.axonserver.connector.command.AxonServerRemoteCommandHandlingException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.stereotype.Component;

import javax.annotation.Nonnull;
import java.util.Optional;
import java.util.Set;

/**
 * A refusal leaves a command handler as a {@link CommandExecutionException} whose details carry
 * the problem, so that it arrives intact at the HTTP edge also across Axon Server, which does not
 * transport exception classes. That holds for the framework's own refusals too: an unknown id, an
 * id of another kind of subject (a meeting's id on a proposal command: Axon cannot rebuild a
 * proposal from a meeting's events) and a stale expected version. Refusals that only the commit
 * finds (two writes to one subject at once) are translated by {@code sending.ProblemKeepingCommandBus}.
 */
@Component
public class ProblemTranslation implements MessageHandlerInterceptor<CommandMessage<?>> {

    /**
     * Another write to the same subject was stored first: on a creation, the subject exists already
     * (with an Idempotency-Key, the first request's creation); otherwise nothing was stored and the
     * command may be sent again.
     */
    public static final ProblemType WRITE_CONFLICT = new ProblemType("write-conflict", 409,
            "同時に別の更新が保存されました", "Another change to this resource was stored at the same moment");

    /**
     * The connector's codes for a sequence conflict: the event store refused an event's sequence
     * number (AXONIQ-2000), or a handling node answered with one (AXONIQ-4004). They are all that
     * tells a conflict from other failures when no details crossed Axon Server.
     */
    private static final Set<ErrorCode> CONFLICT_CODES = Set.of(ErrorCode.INVALID_EVENT_SEQUENCE,
            ErrorCode.CONCURRENCY_EXCEPTION);

    @Override
    public Object handle(@Nonnull UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                         @Nonnull InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (KyodoProblemException refusal) {
            throw new CommandExecutionException(refusal.getMessage(), refusal, refusal.toDetails());
        } catch (RuntimeException failure) {
            Optional<ProblemDetails> problem = frameworkRefusal(failure);
            if (problem.isPresent()) {
                throw new CommandExecutionException(problem.get().detail(), failure, problem.get());
            }
            throw failure;
        }
    }

    /**
     * The problem a failed command stands for, the outermost one its chain of causes carries: a
     * {@link KyodoProblemException}, problem details carried across the bus, a refusal by the
     * framework, or a conflict known only by the connector's error code.
     */
    public static Optional<ProblemDetails> problemOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KyodoProblemException problem) {
                return Optional.of(problem.toDetails());
            }
            Throwable cause = t;
            Optional<ProblemDetails> carried = HandlerExecutionException.resolveDetails(cause)
                    .filter(ProblemDetails.class::isInstance).map(ProblemDetails.class::cast)
                    .or(() -> frameworkRefusal(cause));
            if (carried.isPresent()) {
                return carried;
            }
        }
        return Optional.empty();
    }

    /** The problem a refusal by the framework (or the event store behind it) stands for, if it is one. */
    public static Optional<ProblemDetails> frameworkRefusal(Throwable failure) {
        if (failure instanceof AggregateNotFoundException || failure instanceof IncompatibleAggregateException) {
            return Optional.of(ProblemDetails.of(CommonProblems.NOT_FOUND, "No resource with that id."));
        }
        if (failure instanceof ConflictingAggregateVersionException) {
            return Optional.of(ProblemDetails.of(CommonProblems.STALE_VERSION,
                    "The resource has changed since the version given in If-Match."));
        }
        if (failure instanceof AggregateStreamCreationException || failure instanceof ConcurrencyException
                || failure instanceof AxonServerException server && CONFLICT_CODES.contains(server.errorCode())
                || failure instanceof AxonServerRemoteCommandHandlingException remote
                && CONFLICT_CODES.contains(ErrorCode.getFromCode(remote.getErrorCode()))) {
            return Optional.of(ProblemDetails.of(WRITE_CONFLICT,
                    "Another change to this resource was stored at the same moment; nothing of this request was."));
        }
        return Optional.empty();
    }
}
