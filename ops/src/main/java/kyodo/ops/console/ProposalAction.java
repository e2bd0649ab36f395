package kyodo.ops.console;

import kyodo.command.proposal.AcknowledgeProposal;
import kyodo.command.proposal.DecideProposal;
import kyodo.command.proposal.PostProgressUpdate;
import kyodo.command.proposal.RequestRevision;
import kyodo.command.proposal.WithdrawProposal;
import kyodo.command.proposal.web.ProposalCommandBodies;
import kyodo.command.sending.AggregateCommands;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.proposal.ProposalStatus;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The forms of a proposal's console page, each the browser's way to one command of the JSON API
 * ({@code ProposalCommandController}): the form's fields are read into the API's own body record (so
 * the same input is refused alike) and the body becomes the same command. {@link #offeredIn} only
 * decides which forms a page shows; the command side still decides what is allowed.
 */
enum ProposalAction {

    ACKNOWLEDGE("acknowledge", EnumSet.of(ProposalStatus.SUBMITTED)) {
        @Override
        Object body(Map<String, String> form, FormErrors errors) {
            return new ProposalCommandBodies.Acknowledgement(text(form, "department"),
                    errors.wholeNumber(form, "responseDueDays"));
        }

        @Override
        AggregateCommands.OnSubject command(Object body) {
            ProposalCommandBodies.Acknowledgement b = (ProposalCommandBodies.Acknowledgement) body;
            return (id, v, at, by) -> new AcknowledgeProposal(id, v, b.department(), b.responseDueDays(), at, by);
        }
    },
    PROGRESS("progress", EnumSet.of(ProposalStatus.ACKNOWLEDGED, ProposalStatus.REFERRED_TO_MEETING)) {
        @Override
        Object body(Map<String, String> form, FormErrors errors) {
            return new ProposalCommandBodies.ProgressUpdate(text(form, "text"));
        }

        @Override
        AggregateCommands.OnSubject command(Object body) {
            String text = ((ProposalCommandBodies.ProgressUpdate) body).text();
            return (id, v, at, by) -> new PostProgressUpdate(id, v, text, at, by);
        }
    },
    REVISION("revision", EnumSet.of(ProposalStatus.ACKNOWLEDGED)) {
        @Override
        Object body(Map<String, String> form, FormErrors errors) {
            return new ProposalCommandBodies.RevisionRequest(text(form, "reason"));
        }

        @Override
        AggregateCommands.OnSubject command(Object body) {
            String reason = ((ProposalCommandBodies.RevisionRequest) body).reason();
            return (id, v, at, by) -> new RequestRevision(id, v, AggregateCommands.newId(), reason, at, by);
        }
    },
    ANSWER("answer", EnumSet.of(ProposalStatus.SUBMITTED, ProposalStatus.ACKNOWLEDGED)) {
        @Override
        Object body(Map<String, String> form, FormErrors errors) {
            return new ProposalCommandBodies.Answer(text(form, "outcome"), text(form, "reason"),
                    text(form, "conditions"));
        }

        @Override
        AggregateCommands.OnSubject command(Object body) {
            ProposalCommandBodies.Answer b = (ProposalCommandBodies.Answer) body;
            return (id, v, at, by) -> new DecideProposal(id, v, AggregateCommands.newId(),
                    DecisionOutcome.valueOf(b.outcome()), b.reason(), b.conditions(), null, at, by);
        }
    },
    WITHDRAWAL("withdrawal", EnumSet.of(ProposalStatus.SUBMITTED, ProposalStatus.ACKNOWLEDGED,
            ProposalStatus.REVISION_REQUESTED, ProposalStatus.REFERRED_TO_MEETING)) {
        @Override
        Object body(Map<String, String> form, FormErrors errors) {
            return new ProposalCommandBodies.Withdrawal(text(form, "reason"));
        }

        @Override
        AggregateCommands.OnSubject command(Object body) {
            String reason = ((ProposalCommandBodies.Withdrawal) body).reason();
            return (id, v, at, by) -> new WithdrawProposal(id, v, reason, at, by);
        }
    };

    private final String slug;
    private final Set<ProposalStatus> offeredIn;

    ProposalAction(String slug, Set<ProposalStatus> offeredIn) {
        this.slug = slug;
        this.offeredIn = offeredIn;
    }

    /** The form's fields as the API's body record; unreadable values are noted in {@code errors}. */
    abstract Object body(Map<String, String> form, FormErrors errors);

    /** The command the body stands for, as the API sends it. */
    abstract AggregateCommands.OnSubject command(Object body);

    /** The last segment of the form's URL and the prefix of its fields' ids and messages. */
    String slug() {
        return slug;
    }

    /** Whether the page offers the form for a proposal in that status. */
    boolean offeredIn(String status) {
        return offeredIn.stream().anyMatch(s -> s.name().equals(status));
    }

    static Optional<ProposalAction> of(String slug) {
        return Arrays.stream(values()).filter(a -> a.slug.equals(slug)).findFirst();
    }

    /** A text field as the JSON API gets it: absent when left empty (an optional field stays unset). */
    private static String text(Map<String, String> form, String name) {
        String value = form.get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
