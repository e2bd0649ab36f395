package kyodo.query.proposal;

import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.personal.SealedPersonalData;
import kyodo.kernel.proposal.ProposalAccepted;
import kyodo.kernel.proposal.ProposalAcknowledged;
import kyodo.kernel.proposal.ProposalChannel;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.ProposalProgressUpdated;
import kyodo.kernel.proposal.ProposalReferredToMeeting;
import kyodo.kernel.proposal.ProposalRejected;
import kyodo.kernel.proposal.ProposalResponseOverdue;
import kyodo.kernel.proposal.ProposalRevised;
import kyodo.kernel.proposal.ProposalRevisionRequested;
import kyodo.kernel.proposal.ProposalSubmitted;
import kyodo.kernel.proposal.ProposalWithdrawn;
import kyodo.kernel.proposal.Proposer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One proposal's events, written the way the Proposal aggregate would record them, numbered from 0. */
public final class ProposalStory {

    public static final String NAME = "幸田 花子";
    public static final String CONTACT = "hanako.koda@example.jp";
    public static final StaffRef CLERK = new StaffRef("staff-0042", "STAFF");
    public static final StaffRef HEAD = new StaffRef("staff-0007", "WARD_HEAD");

    public final String id;
    public final Ward ward;
    public final SealedPersonalData proposer;
    private final List<Object> events = new ArrayList<>();

    private ProposalStory(String id, Ward ward, SealedPersonalData proposer) {
        this.id = id;
        this.ward = ward;
        this.proposer = proposer;
    }

    /** A new proposal, its proposer sealed under a fresh subject of the given vault. */
    public static ProposalStory submitted(PersonalDataProtector protector, String id, Ward ward, String title,
                                          String body, List<String> themes, ProposalProgramme programme,
                                          Instant at) {
        SealedPersonalData sealed = protector.sealForNewSubject("subj-" + UUID.randomUUID(),
                new Proposer(NAME, CONTACT), at);
        ProposalStory story = new ProposalStory(id, ward, sealed);
        story.events.add(new ProposalSubmitted(id, ward, title, body, themes, programme, ProposalChannel.COUNTER,
                sealed, at));
        return story;
    }

    public ProposalStory acknowledged(String department, LocalDate dueOn, Instant at) {
        events.add(new ProposalAcknowledged(id, department, dueOn, at, CLERK));
        return this;
    }

    public ProposalStory progress(String text, Instant at) {
        events.add(new ProposalProgressUpdated(id, text, at, CLERK));
        return this;
    }

    public ProposalStory revisionRequested(String reason, Instant at) {
        events.add(new ProposalRevisionRequested(id,
                decision(DecisionKind.REVISION_REQUEST, DecisionOutcome.REVISION_REQUESTED, reason, at)));
        return this;
    }

    public ProposalStory revised(String title, String body, Instant at) {
        events.add(new ProposalRevised(id, title, body, at, CLERK));
        return this;
    }

    public ProposalStory referred(String meetingId, String reason, Instant at) {
        events.add(new ProposalReferredToMeeting(id, meetingId,
                decision(DecisionKind.REFERRAL, DecisionOutcome.REFERRED, reason, at)));
        return this;
    }

    public ProposalStory referralWithdrawn(String meetingId, String reason, Instant at) {
        events.add(new kyodo.kernel.proposal.ProposalReferralWithdrawn(id, meetingId,
                decision(DecisionKind.REFERRAL_WITHDRAWAL, DecisionOutcome.WITHDRAWN, reason, at)));
        return this;
    }

    public ProposalStory accepted(String reason, String conditions, int daysLate, Instant at) {
        events.add(new ProposalAccepted(id, conditions, daysLate,
                decision(DecisionKind.PROPOSAL_ANSWER, DecisionOutcome.ACCEPTED, reason, at)));
        return this;
    }

    public ProposalStory rejected(String reason, int daysLate, Instant at) {
        events.add(new ProposalRejected(id, daysLate,
                decision(DecisionKind.PROPOSAL_ANSWER, DecisionOutcome.REJECTED, reason, at)));
        return this;
    }

    public ProposalStory withdrawn(String reason, Instant at) {
        events.add(new ProposalWithdrawn(id, reason, at, CLERK));
        return this;
    }

    public ProposalStory overdue(LocalDate dueOn, Instant at) {
        events.add(new ProposalResponseOverdue(id, dueOn, at));
        return this;
    }

    /** The events as the event store hands them to a processor: domain events with their sequence. */
    public List<DomainEventMessage<?>> messages() {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (int seq = 0; seq < events.size(); seq++) {
            messages.add(new GenericDomainEventMessage<>("Proposal", id, seq, events.get(seq)));
        }
        return messages;
    }

    private Decision decision(DecisionKind kind, DecisionOutcome outcome, String reason, Instant at) {
        return new Decision(id + "-decision-" + events.size(), SubjectType.PROPOSAL, id, ward, kind, outcome, reason,
                HEAD, at, null);
    }
}
