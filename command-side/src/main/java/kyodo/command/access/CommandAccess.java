package kyodo.command.access;

import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.kernel.access.Role;
import kyodo.kernel.problem.KyodoProblemException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import javax.annotation.Nonnull;
import java.util.Optional;

/**
 * Authorisation where the commands are handled, not only at the URL: every command sent from the
 * HTTP edge carries its sender's role and ward scope ({@link ActorMetadata}); here the role must be
 * allowed to send it to some subject ({@link CommandPermissions}) and, for a creation, the scope must
 * cover the new subject's ward, and a resident may create only what is their own ({@link ProposedBy}). The subject's own ward is checked by the aggregate
 * ({@link #requireScope}) once it is loaded, and so is a permission that depends on the subject
 * ({@link CommandPermissions#requireOn}). Commands that policies send in reaction to events carry no scope: they follow a
 * decision that was authorised when it was taken.
 */
@Component
public class CommandAccess implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(@Nonnull UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                         @Nonnull InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        try {
            senderScope(command.getMetaData()).ifPresent(scope -> {
                Role role = Role.fromName((String) command.getMetaData().get(ActorMetadata.ROLE))
                        .orElseThrow(() -> forbidden("The sender's role is not known."));
                CommandPermissions.require(role, command.getPayloadType());
                if (command.getPayload() instanceof WardTargeted targeted) {
                    requireCovers(scope, targeted.ward());
                }
                if (command.getPayload() instanceof ProposedBy proposed) {
                    CommandPermissions.requireProposer(new StaffRef(
                            String.valueOf(command.getMetaData().get(ActorMetadata.STAFF_ID)), role.name()),
                            proposed.proposerSubject());
                }
            });
        } catch (KyodoProblemException refusal) {
            // thrown before ProblemTranslation's turn: carry the problem the same way it does
            throw new CommandExecutionException(refusal.getMessage(), refusal, refusal.toDetails());
        }
        return chain.proceed();
    }

    /**
     * Refuses a command from the edge whose sender's ward scope does not cover the subject's ward
     * (null: a city-wide subject, which only city-wide staff may touch).
     */
    public static void requireScope(CommandMessage<?> command, Ward subjectWard) {
        senderScope(command.getMetaData()).ifPresent(scope -> requireCovers(scope, subjectWard));
    }

    private static void requireCovers(String scope, Ward subjectWard) {
        if (Actor.CITY_WIDE.equals(scope) || (subjectWard != null && subjectWard.code().equals(scope))) {
            return;
        }
        throw forbidden(subjectWard == null
                ? "Only city-wide staff may act on a city-wide subject; you are scoped to " + scope + "."
                : "This subject belongs to " + subjectWard.code() + "; you are scoped to " + scope + ".");
    }

    private static Optional<String> senderScope(MetaData metaData) {
        return Optional.ofNullable(metaData.get(ActorMetadata.WARD_SCOPE)).map(String::valueOf);
    }

    private static KyodoProblemException forbidden(String detail) {
        return CommandPermissions.forbidden(detail);
    }
}
