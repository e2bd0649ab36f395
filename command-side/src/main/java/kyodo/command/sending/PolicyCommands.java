package kyodo.command.sending;

import kyodo.command.access.ActorMetadata;
import kyodo.kernel.StaffRef;
import kyodo.kernel.problem.ProblemDetails;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Sends the commands a policy issues in reaction to an event (a resolution deciding a proposal, a
 * termination returning funds): on the event processor's thread, waiting for the answer. The command
 * carries the id and role of whoever took the decision that caused it, and no ward scope: it is not
 * checked again.
 *
 * <p>A refusal that came back as a problem (a rule, an unknown or stale subject) is final: sending
 * the same command again cannot change a rule's answer, and the processor would retry it forever.
 * It is answered, for the policy to log by its problem type. Anything else (the store unreachable,
 * a timeout) is thrown, so that the processor retries the batch; policies are idempotent.
 */
@Component
public class PolicyCommands {

    private final CommandGateway gateway;

    public PolicyCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Sends the command on behalf of {@code by} and waits for it.
     *
     * @return the problem the command was refused with; empty when it was handled
     */
    public Optional<ProblemDetails> sendAndWait(Object command, StaffRef by) {
        try {
            gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(ActorMetadata.of(by)));
            return Optional.empty();
        } catch (RuntimeException failure) {
            Optional<ProblemDetails> refusal = BusProblems.of(failure);
            if (refusal.isEmpty()) {
                throw failure;
            }
            return refusal;
        }
    }
}
