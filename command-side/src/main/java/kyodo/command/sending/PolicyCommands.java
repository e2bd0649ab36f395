package kyodo.command.sending;

import kyodo.command.access.ActorMetadata;
import kyodo.kernel.StaffRef;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Sends the commands a policy issues in reaction to an event (a resolution deciding a proposal, a
 * termination returning funds): on the event processor's thread, waiting for the answer, so that a
 * failure reaches the processor and it retries. The command carries the id and role of whoever took
 * the decision that caused it, and no ward scope: it is not checked again.
 */
@Component
public class PolicyCommands {

    private final CommandGateway gateway;

    public PolicyCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /** Sends the command on behalf of {@code by} and waits for it; a refusal is thrown as it came back. */
    public void sendAndWait(Object command, StaffRef by) {
        gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(ActorMetadata.of(by)));
    }
}
