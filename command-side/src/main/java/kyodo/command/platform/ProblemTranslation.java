package kyodo.command.platform;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemDetails;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.stereotype.Component;

import javax.annotation.Nonnull;
import java.util.Optional;

/**
 * A refusal leaves a command handler as a {@link CommandExecutionException} whose details carry
 * the problem, so that it arrives intact at the HTTP edge also across Axon Server, which does not
 * transport exception classes. That holds for the framework's own refusals too: an unknown id, an
 * id of another kind of subject (a meeting's id on a proposal command: Axon cannot rebuild a
 * proposal from a meeting's events) and a stale expected version.
 */
@Component
public class ProblemTranslation implements MessageHandlerInterceptor<CommandMessage<?>> {

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

    /** The problem a refusal by the framework stands for, if it is one. */
    public static Optional<ProblemDetails> frameworkRefusal(Throwable failure) {
        if (failure instanceof AggregateNotFoundException || failure instanceof IncompatibleAggregateException) {
            return Optional.of(ProblemDetails.of(CommonProblems.NOT_FOUND, "No resource with that id."));
        }
        if (failure instanceof ConflictingAggregateVersionException) {
            return Optional.of(ProblemDetails.of(CommonProblems.STALE_VERSION,
                    "The resource has changed since the version given in If-Match."));
        }
        return Optional.empty();
    }
}
