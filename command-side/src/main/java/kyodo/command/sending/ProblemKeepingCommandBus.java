package kyodo.command.sending;

import kyodo.command.platform.ProblemTranslation;
import kyodo.kernel.problem.ProblemDetails;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.MessageHandler;

import java.util.Optional;

/**
 * The command bus that handles commands on this node (Axon's "local segment", also behind Axon
 * Server): a refusal that only the commit finds, after every interceptor has returned, leaves it with
 * its problem as details, like every other refusal ({@link ProblemTranslation}). On Axon Server a
 * second creation of one id, or two nodes writing one subject at once, fails only when the events are
 * appended (AXONIQ-2000, "Invalid sequence number"); without details the sender would learn nothing
 * but a message.
 */
class ProblemKeepingCommandBus extends SimpleCommandBus {

    ProblemKeepingCommandBus(Builder builder) {
        super(builder);
    }

    @Override
    protected <C, R> void handle(CommandMessage<C> command, MessageHandler<? super CommandMessage<?>> handler,
                                 CommandCallback<? super C, ? super R> callback) {
        super.handle(command, handler, new CommandCallback<C, R>() {
            @Override
            public void onResult(CommandMessage<? extends C> message, CommandResultMessage<? extends R> result) {
                callback.onResult(message, withProblem(result));
            }
        });
    }

    /** The result as it was, or a failure without details as the problem it stands for, if any. */
    static <R> CommandResultMessage<? extends R> withProblem(CommandResultMessage<? extends R> result) {
        if (!result.isExceptional() || result.exceptionDetails().isPresent()) {
            return result;
        }
        Throwable failure = result.exceptionResult();
        Optional<ProblemDetails> problem = ProblemTranslation.problemOf(failure);
        if (problem.isEmpty()) {
            return result;
        }
        return new GenericCommandResultMessage<R>(
                new CommandExecutionException(problem.get().detail(), failure, problem.get()), result.getMetaData());
    }
}
