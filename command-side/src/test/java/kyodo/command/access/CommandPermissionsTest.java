package kyodo.command.access;

import kyodo.command.budget.ReleaseFunds;
import kyodo.command.budget.ReserveFunds;
import kyodo.command.budget.SetEnvelope;
import kyodo.command.project.ApproveProject;
import kyodo.command.project.RecordAllocation;
import kyodo.command.proposal.AcknowledgeProposal;
import kyodo.command.proposal.SubmitProposal;
import kyodo.command.proposal.WithdrawProposal;
import kyodo.command.proposal.support.SupportProposal;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.kernel.access.Role;
import kyodo.kernel.problem.KyodoProblemException;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one answer to "who may do X?" on the command side, and the rules that depend on the subject. */
class CommandPermissionsTest {

    private static final StaffRef CLERK = new StaffRef("s-1", "STAFF");
    private static final StaffRef HEAD = new StaffRef("h-1", "WARD_HEAD");
    private static final StaffRef ADMIN = new StaffRef("a-1", "ADMIN");
    private static final ApproveProject APPROVAL = new ApproveProject("pj-1", null, "d-1", "承認", null, HEAD);

    @Test
    void eachCommandNamesThePermissionItNeeds() {
        assertThat(CommandPermissions.of(SetEnvelope.class)).isEqualTo(Permission.BUDGET_ENVELOPE);
        assertThat(CommandPermissions.of(ReserveFunds.class)).isEqualTo(Permission.BUDGET_ALLOCATION);
        assertThat(CommandPermissions.of(ReleaseFunds.class)).isEqualTo(Permission.BUDGET_ALLOCATION);
        assertThat(CommandPermissions.of(RecordAllocation.class)).isEqualTo(Permission.BUDGET_ALLOCATION);
        assertThat(CommandPermissions.of(ApproveProject.class)).isEqualTo(Permission.PROJECT_APPROVAL);
        assertThat(CommandPermissions.of(AcknowledgeProposal.class)).as("daily work, named by none")
                .isEqualTo(Permission.DAILY_WORK);
        assertThat(CommandPermissions.of(SubmitProposal.class)).isEqualTo(Permission.PROPOSER_ACT);
        assertThat(CommandPermissions.of(SupportProposal.class)).isEqualTo(Permission.SUPPORT);
    }

    @Test
    void aResidentActsOnlyOnTheirOwnProposalsAndSupportsStaffNever() {
        CommandPermissions.require(Role.RESIDENT, SubmitProposal.class);
        CommandPermissions.require(Role.RESIDENT, WithdrawProposal.class);
        CommandPermissions.require(Role.RESIDENT, SupportProposal.class);
        assertThatThrownBy(() -> CommandPermissions.require(Role.RESIDENT, AcknowledgeProposal.class))
                .isInstanceOf(KyodoProblemException.class);
        assertThatThrownBy(() -> CommandPermissions.require(Role.STAFF, SupportProposal.class))
                .isInstanceOf(KyodoProblemException.class).hasMessage("Only a verified resident supports a proposal.");
        StaffRef resident = new StaffRef("subject-1", "RESIDENT");
        CommandPermissions.requireProposer(resident, "subject-1");
        CommandPermissions.requireProposer(CLERK, "subject-1");
        assertThatThrownBy(() -> CommandPermissions.requireProposer(resident, "subject-2"))
                .isInstanceOf(KyodoProblemException.class).hasMessage("A resident acts only on their own proposals.");
    }

    @Test
    void anAnalystHasNoPermissionAtAll() {
        for (Permission permission : Permission.values()) {
            assertThat(permission.roles()).as(permission.name()).doesNotContain(Role.ANALYST);
        }
        assertThatThrownBy(() -> CommandPermissions.requireIssuesCommands(new Actor("n-1", Role.ANALYST, null)))
                .isInstanceOf(KyodoProblemException.class).hasMessageContaining("issues no commands");
        Actor clerk = new Actor("s-1", Role.STAFF, Ward.SAIWAI);
        assertThat(CommandPermissions.requireIssuesCommands(clerk)).isSameAs(clerk);
    }

    @Test
    void aWardProjectIsApprovedByItsHeadACityWideOneByAnAdmin() {
        assertThat(Permission.PROJECT_APPROVAL.roles()).isEqualTo(EnumSet.of(Role.WARD_HEAD, Role.ADMIN));
        assertThat(Permission.PROJECT_APPROVAL.rolesOn(Ward.NAKAHARA)).containsExactly(Role.WARD_HEAD);
        assertThat(Permission.PROJECT_APPROVAL.rolesOn(null)).containsExactly(Role.ADMIN);

        CommandPermissions.requireOn(APPROVAL, HEAD, Ward.NAKAHARA);
        CommandPermissions.requireOn(APPROVAL, ADMIN, null);
        assertThatThrownBy(() -> CommandPermissions.requireOn(APPROVAL, ADMIN, Ward.NAKAHARA))
                .isInstanceOf(KyodoProblemException.class).hasMessage("The ward head approves ward projects.");
        assertThatThrownBy(() -> CommandPermissions.requireOn(APPROVAL, HEAD, null))
                .isInstanceOf(KyodoProblemException.class).hasMessage("A city-wide project is approved by an ADMIN.");
        assertThatThrownBy(() -> CommandPermissions.requireOn(APPROVAL, CLERK, Ward.NAKAHARA))
                .isInstanceOf(KyodoProblemException.class);
    }

    @Test
    void moneyEnvelopesAndErasureAreRefusedBeforeAnythingStarts() {
        CommandPermissions.require(HEAD, RecordAllocation.class);
        assertThatThrownBy(() -> CommandPermissions.require(ADMIN, RecordAllocation.class))
                .isInstanceOf(KyodoProblemException.class).hasMessage("Budget allocations are the ward head's decision.");
        CommandPermissions.require(ADMIN, SetEnvelope.class);
        assertThatThrownBy(() -> CommandPermissions.require(HEAD, SetEnvelope.class))
                .isInstanceOf(KyodoProblemException.class).hasMessage("Budget envelopes are set by an ADMIN.");
        CommandPermissions.require(ADMIN, Permission.PERSONAL_DATA_ERASURE);
        assertThatThrownBy(() -> CommandPermissions.require(CLERK, Permission.PERSONAL_DATA_ERASURE))
                .isInstanceOf(KyodoProblemException.class).hasMessage("Only an ADMIN may erase personal data.");
        assertThatThrownBy(() -> CommandPermissions.require(StaffRef.SYSTEM, SubmitProposal.class))
                .as("the platform's own SYSTEM is no staff role").isInstanceOf(KyodoProblemException.class);
    }

    @Test
    void theBusSaysWhoMayInWordsWithoutClassNames() {
        CommandPermissions.require(Role.STAFF, AcknowledgeProposal.class);
        assertThatThrownBy(() -> CommandPermissions.require(Role.ANALYST, AcknowledgeProposal.class))
                .isInstanceOf(KyodoProblemException.class)
                .hasMessage("Commands are issued by staff, ward heads and administrators.");
        assertThatThrownBy(() -> CommandPermissions.require(Role.WARD_HEAD, SetEnvelope.class))
                .isInstanceOf(KyodoProblemException.class).hasMessage("Budget envelopes are set by an ADMIN.");
        assertThatThrownBy(() -> CommandPermissions.require(Role.STAFF, ApproveProject.class))
                .isInstanceOf(KyodoProblemException.class)
                .hasMessage("A project is approved by its ward head, or by an ADMIN when it is city-wide.");
        assertThatThrownBy(() -> CommandPermissions.require((Role) null, ReserveFunds.class))
                .as("an unknown role").isInstanceOf(KyodoProblemException.class);
    }
}
