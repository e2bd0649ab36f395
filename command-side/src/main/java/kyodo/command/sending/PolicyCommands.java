package kyodo.command.sending;

import kyodo.command.access.ActorMetadata;
import kyodo.command.platform.ProblemTranslation;
import kyodo.kernel.StaffRef;
import kyodo.kernel.problem.ProblemDetails;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the commands a policy issues in reaction to an event (a resolution deciding a proposal, a
 * termination returning funds): on the event processor's thread, waiting for the answer. The command
 * carries the id and role of whoever took the decision that caused it, and no ward scope: it is not
 * checked again.
 *
 * <p>A refusal that came back as a client problem (4xx: a rule, an unknown or stale subject) is final:
 * sending the same command again cannot change a rule's answer, and the processor would retry it
 * forever. It is logged here, once at INFO, by the command, its subject and the problem's type, never the
 * problem's detail (ADR 16), and the policy moves on. Anything else is thrown, so that the processor
 * retries the batch (policies are idempotent): the store unreachable, a timeout, and a 5xx problem
 * such as "other decisions are being recorded" (503) or a write that lost a race to the same subject
 * (409, {@link ProblemTranslation#WRITE_CONFLICT}), which say "not now", not "never".
 */
@Component
public class PolicyCommands {

    private static final Logger log = LoggerFactory.getLogger(PolicyCommands.class);

    private final CommandGateway gateway;
    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();

    public PolicyCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Sends the command on behalf of {@code by} and waits for it.
     *
     * @return whether it was handled; false when a rule refused it, for good
     */
    public boolean sendAndWait(Object command, StaffRef by) {
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command).andMetaData(ActorMetadata.of(by));
        try {
            gateway.sendAndWait(message);
            return true;
        } catch (RuntimeException failure) {
            ProblemDetails refusal = BusProblems.of(failure).filter(PolicyCommands::isFinal)
                    .orElseThrow(() -> failure);
            log.info("{} on {} stands refused: {}", command.getClass().getSimpleName(),
                    targets.resolveTarget(message).getIdentifier(), refusal.slug());
            return false;
        }
    }

    /** A client problem is final, but for a write that lost a race: sent again, it can pass. */
    private static boolean isFinal(ProblemDetails problem) {
        return problem.status() < 500 && !problem.slug().equals(ProblemTranslation.WRITE_CONFLICT.slug());
    }
}
