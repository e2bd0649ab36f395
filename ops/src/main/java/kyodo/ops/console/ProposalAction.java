package kyodo.ops.console;

import kyodo.command.proposal.web.ProposalCommandBodies;
import kyodo.command.sending.AggregateCommands;
import kyodo.kernel.proposal.ProposalStatus;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static kyodo.ops.console.FormPosts.text;

/**
 * The forms of a proposal's console page, each the browser's way to one command of the JSON API
 * ({@code ProposalCommandController}): the form's fields are read into the API's own body record (so
 * the same input is refused alike) and the body becomes the same command. {@link #offeredIn} only
 * decides which forms a page shows; the command side still decides what is allowed.
 */
enum ProposalAction implements ConsoleAction {

    ACKNOWLEDGE(EnumSet.of(ProposalStatus.SUBMITTED)) {
        @Override
        Object body(Map<String, String> form, FormErrors errors) {
            return new ProposalCommandBodies.Acknowledgement(text(form, "department"),
                    errors.wholeNumber(form, "responseDueDays"));
        }
    },
    PROGRESS(EnumSet.of(ProposalStatus.ACKNOWLEDGED, ProposalStatus.REFERRED_TO_MEETING)) {
        @Override
        Object body(Map<String, String> form, FormErrors errors) {
            return new ProposalCommandBodies.ProgressUpdate(text(form, "text"));
        }
    },
    REVISION(EnumSet.of(ProposalStatus.ACKNOWLEDGED)) {
        @Override
        Object body(Map<String, String> form, FormErrors errors) {
            return new ProposalCommandBodies.RevisionRequest(text(form, "reason"));
        }
    },
    ANSWER(EnumSet.of(ProposalStatus.SUBMITTED, ProposalStatus.ACKNOWLEDGED)) {
        @Override
        Object body(Map<String, String> form, FormErrors errors) {
            return new ProposalCommandBodies.Answer(text(form, "outcome"), text(form, "reason"),
                    text(form, "conditions"));
        }
    },
    /** Refer to a meeting whose resolution will decide the proposal (the page offers only meetings that can). */
    REFERRAL(EnumSet.of(ProposalStatus.ACKNOWLEDGED)) {
        @Override
        Object body(Map<String, String> form, FormErrors errors) {
            return new ProposalCommandBodies.Referral(text(form, "meetingId"), text(form, "reason"));
        }
    },
    REFERRAL_WITHDRAWAL(EnumSet.of(ProposalStatus.REFERRED_TO_MEETING)) {
        @Override
        Object body(Map<String, String> form, FormErrors errors) {
            return new ProposalCommandBodies.ReferralWithdrawal(text(form, "reason"));
        }
    },
    WITHDRAWAL(EnumSet.of(ProposalStatus.SUBMITTED, ProposalStatus.ACKNOWLEDGED,
            ProposalStatus.REVISION_REQUESTED, ProposalStatus.REFERRED_TO_MEETING)) {
        @Override
        Object body(Map<String, String> form, FormErrors errors) {
            return new ProposalCommandBodies.Withdrawal(text(form, "reason"));
        }
    };

    private final Set<ProposalStatus> offeredIn;

    ProposalAction(Set<ProposalStatus> offeredIn) {
        this.offeredIn = offeredIn;
    }

    /** The form's fields as the API's body record; unreadable values are noted in {@code errors}. */
    abstract Object body(Map<String, String> form, FormErrors errors);

    /** The command the body stands for: the one the API sends for it. */
    AggregateCommands.OnSubject command(Object body) {
        return FormPosts.commandOf(body);
    }

    @Override
    public boolean offeredIn(String status) {
        return offeredIn.stream().anyMatch(s -> s.name().equals(status));
    }
}
