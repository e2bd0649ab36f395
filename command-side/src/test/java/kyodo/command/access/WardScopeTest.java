package kyodo.command.access;

import kyodo.command.budget.SetEnvelope;
import kyodo.command.project.RecordAllocation;
import kyodo.command.proposal.SubmitProposal;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.access.Role;
import kyodo.kernel.problem.KyodoProblemException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command side's own authorisation: role per command, ward scope per subject. */
class WardScopeTest {

    /** A creation aimed at a ward, as the real ones (SubmitProposal, LaunchProject...) are. */
    record CreateSomething(Ward ward) implements WardTargeted {
    }

    private final CommandAccess access = new CommandAccess();

    private static CommandMessage<?> fromEdge(Object payload, Role role, String scope) {
        return GenericCommandMessage.asCommandMessage(payload).andMetaData(MetaData
                .with(ActorMetadata.STAFF_ID, "s-1").and(ActorMetadata.ROLE, role.name())
                .and(ActorMetadata.WARD_SCOPE, scope));
    }

    private boolean passes(CommandMessage<?> command) throws Exception {
        AtomicBoolean reached = new AtomicBoolean();
        InterceptorChain chain = () -> {
            reached.set(true);
            return null;
        };
        // rolled back after each check: a unit of work left started on this thread would hold the
        // aggregate locks of every later test's commands on it (ConcurrentSupportTest hung on one)
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(command);
        try {
            access.handle(unitOfWork, chain);
        } finally {
            unitOfWork.rollback();
        }
        return reached.get();
    }

    private static String refusalType(Throwable e) {
        assertThat(e).isInstanceOf(CommandExecutionException.class);
        return ((CommandExecutionException) e).getDetails().map(Object::toString).orElse("");
    }

    @Test
    void staffOfAWardCreateInTheirWardOnly() throws Exception {
        assertThat(passes(fromEdge(new CreateSomething(Ward.SAIWAI), Role.STAFF, "saiwai"))).isTrue();
        assertThatThrownBy(() -> passes(fromEdge(new CreateSomething(Ward.NAKAHARA), Role.STAFF, "saiwai")))
                .satisfies(e -> assertThat(refusalType(e)).contains("forbidden"));
        assertThatThrownBy(() -> passes(fromEdge(new CreateSomething(null), Role.STAFF, "saiwai")))
                .as("a city-wide subject needs city-wide staff")
                .satisfies(e -> assertThat(refusalType(e)).contains("forbidden"));
    }

    @Test
    void cityWideStaffCreateAnywhere() throws Exception {
        assertThat(passes(fromEdge(new CreateSomething(Ward.TAMA), Role.STAFF, "*"))).isTrue();
        assertThat(passes(fromEdge(new CreateSomething(null), Role.ADMIN, "*"))).isTrue();
    }

    @Test
    void moneyAndEnvelopesNeedTheirRoles() {
        assertThat(CommandPermissions.allows(Role.STAFF, RecordAllocation.class)).isFalse();
        assertThat(CommandPermissions.allows(Role.WARD_HEAD, RecordAllocation.class)).isTrue();
        assertThat(CommandPermissions.allows(Role.WARD_HEAD, SetEnvelope.class)).isFalse();
        assertThat(CommandPermissions.allows(Role.ADMIN, SetEnvelope.class)).isTrue();
        assertThat(CommandPermissions.allows(Role.STAFF, SubmitProposal.class)).isTrue();
        assertThat(CommandPermissions.allows(Role.ANALYST, SubmitProposal.class)).isFalse();
        assertThatThrownBy(() -> passes(fromEdge(new SetEnvelope("saiwai-2025", null,
                Ward.SAIWAI, null, null, "d", "r", null, new StaffRef("h", "WARD_HEAD")), Role.WARD_HEAD, "saiwai")))
                .satisfies(e -> assertThat(refusalType(e)).contains("forbidden"));
    }

    @Test
    void commandsFromPoliciesCarryNoScopeAndAreNotCheckedAgain() throws Exception {
        CommandMessage<?> fromPolicy = GenericCommandMessage.asCommandMessage(new CreateSomething(Ward.NAKAHARA))
                .andMetaData(MetaData.with(ActorMetadata.STAFF_ID, "s-1").and(ActorMetadata.ROLE, "STAFF"));
        assertThat(passes(fromPolicy)).isTrue();
    }

    @Test
    void theAggregateChecksItsOwnWard() {
        CommandMessage<?> saiwaiStaff = fromEdge("anything", Role.STAFF, "saiwai");
        CommandAccess.requireScope(saiwaiStaff, Ward.SAIWAI);
        assertThatThrownBy(() -> CommandAccess.requireScope(saiwaiStaff, Ward.NAKAHARA))
                .isInstanceOf(KyodoProblemException.class).hasMessageContaining("nakahara");
        CommandAccess.requireScope(fromEdge("anything", Role.ADMIN, "*"), Ward.NAKAHARA);
    }
}
