package kyodo.command.platform;

import kyodo.kernel.problem.KyodoProblemException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import javax.annotation.Nonnull;

/**
 * A refusal leaves a command handler as a {@link CommandExecutionException} whose details carry
 * the problem, so that it arrives intact at the HTTP edge also across Axon Server, which does not
 * transport exception classes.
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
        }
    }
}
