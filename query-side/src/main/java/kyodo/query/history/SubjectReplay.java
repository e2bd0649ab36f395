package kyodo.query.history;

import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.meeting.AgendaPublished;
import kyodo.kernel.meeting.FeedbackRecorded;
import kyodo.kernel.meeting.GroupFormed;
import kyodo.kernel.meeting.MeetingCancelled;
import kyodo.kernel.meeting.MeetingClosed;
import kyodo.kernel.meeting.MeetingOpened;
import kyodo.kernel.meeting.MeetingRescheduled;
import kyodo.kernel.meeting.MeetingScheduled;
import kyodo.kernel.meeting.MinutesPublished;
import kyodo.kernel.meeting.OpinionRecorded;
import kyodo.kernel.meeting.ParticipantRegistered;
import kyodo.kernel.meeting.ResolutionVoted;
import kyodo.kernel.project.ActualRecorded;
import kyodo.kernel.project.AgreementSigned;
import kyodo.kernel.project.BudgetAllocated;
import kyodo.kernel.project.BudgetEnvelopeSet;
import kyodo.kernel.project.ExpenditureRecorded;
import kyodo.kernel.project.FundsReleased;
import kyodo.kernel.project.FundsReserved;
import kyodo.kernel.project.PartnerAdded;
import kyodo.kernel.project.ProgressReported;
import kyodo.kernel.project.ProjectApproved;
import kyodo.kernel.project.ProjectCompleted;
import kyodo.kernel.project.ProjectLaunched;
import kyodo.kernel.project.ProjectTerminated;
import kyodo.kernel.project.SelfEvaluated;
import kyodo.kernel.project.TargetSet;
import kyodo.kernel.proposal.ProposalAccepted;
import kyodo.kernel.proposal.ProposalAcknowledged;
import kyodo.kernel.proposal.ProposalProgressUpdated;
import kyodo.kernel.proposal.ProposalReferredToMeeting;
import kyodo.kernel.proposal.ProposalRejected;
import kyodo.kernel.proposal.ProposalResponseOverdue;
import kyodo.kernel.proposal.ProposalRevised;
import kyodo.kernel.proposal.ProposalRevisionRequested;
import kyodo.kernel.proposal.ProposalStatus;
import kyodo.kernel.proposal.ProposalSubmitted;
import kyodo.kernel.proposal.ProposalWithdrawn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static kyodo.query.history.PublicData.map;
import static kyodo.query.history.PublicData.role;

/**
 * Rebuilds a subject's public state at a moment by folding its events in order. Pure: plain
 * objects in, plain maps out, no stores and no clock. Events it does not know are skipped.
 */
public final class SubjectReplay {

    private SubjectReplay() {
    }

    /**
     * The state after every event recorded at or before {@code asOf}.
     *
     * @param events the subject's events in stream order
     * @return the state and the sequence number of the last event applied ({@code -1} when none)
     */
    public static Replayed replay(SubjectType type, List<HistoryEvent> events, Instant asOf) {
        State state = switch (type) {
            case PROPOSAL -> new ProposalState();
            case MEETING -> new MeetingState();
            case PROJECT -> new ProjectState();
            case WARD_BUDGET -> new WardBudgetState();
        };
        long version = -1;
        for (HistoryEvent event : events) {
            if (event.at().isAfter(asOf)) {
                break; // a stream is in order: nothing later can be earlier
            }
            state.apply(event.payload());
            version = event.seq();
        }
        return new Replayed(version, version < 0 ? Map.of() : state.toMap());
    }

    /**
     * @param version sequence number of the last event applied, {@code -1} when none was
     * @param state   the public state those events leave
     */
    public record Replayed(long version, Map<String, Object> state) {
    }

    private interface State {
        void apply(Object payload);

        Map<String, Object> toMap();
    }

    /** A proposal: where it stands, its text, who handles it, the answer. */
    static final class ProposalState implements State {
        private static final Set<String> CLOSED = Set.of(ProposalStatus.ACCEPTED.name(),
                ProposalStatus.REJECTED.name(), ProposalStatus.WITHDRAWN.name());
        private final Map<String, Object> s = new LinkedHashMap<>();

        ProposalState() {
            s.put("status", null);
            s.put("title", null);
            s.put("body", null);
            s.put("themes", List.of());
            s.put("ward", null);
            s.put("programme", null);
            s.put("channel", null);
            s.put("submittedAt", null);
            s.put("department", null);
            s.put("dueOn", null);
            s.put("overdue", false);
            s.put("outcome", null);
            s.put("reason", null);
            s.put("conditions", null);
            s.put("decidedAt", null);
            s.put("decidedByRole", null);
            s.put("daysLate", null);
            s.put("meetingId", null);
            s.put("progressUpdates", 0);
        }

        @Override
        public void apply(Object p) {
            if (p instanceof ProposalSubmitted e) {
                s.put("status", ProposalStatus.SUBMITTED.name());
                s.put("title", e.title());
                s.put("body", e.body());
                s.put("themes", e.themes());
                s.put("ward", PublicData.value(e.ward()));
                s.put("programme", PublicData.value(e.programme()));
                s.put("channel", PublicData.value(e.channel()));
                s.put("submittedAt", PublicData.value(e.submittedAt()));
            } else if (p instanceof ProposalAcknowledged e) {
                s.put("status", ProposalStatus.ACKNOWLEDGED.name());
                s.put("department", e.department());
                s.put("dueOn", PublicData.value(e.dueOn()));
            } else if (p instanceof ProposalProgressUpdated) {
                s.put("progressUpdates", (int) s.get("progressUpdates") + 1);
            } else if (p instanceof ProposalRevisionRequested e) {
                s.put("status", ProposalStatus.REVISION_REQUESTED.name());
                s.put("reason", e.decision().reason());
            } else if (p instanceof ProposalRevised e) {
                s.put("status", ProposalStatus.ACKNOWLEDGED.name());
                if (e.title() != null) {
                    s.put("title", e.title());
                }
                if (e.body() != null) {
                    s.put("body", e.body());
                }
                s.put("reason", null);
            } else if (p instanceof ProposalReferredToMeeting e) {
                s.put("status", ProposalStatus.REFERRED_TO_MEETING.name());
                s.put("meetingId", e.meetingId());
                s.put("reason", e.decision().reason());
            } else if (p instanceof ProposalAccepted e) {
                answered(ProposalStatus.ACCEPTED, e.decision(), e.conditions(), e.daysLate());
            } else if (p instanceof ProposalRejected e) {
                answered(ProposalStatus.REJECTED, e.decision(), null, e.daysLate());
            } else if (p instanceof ProposalWithdrawn e) {
                s.put("status", ProposalStatus.WITHDRAWN.name());
                s.put("reason", e.reason());
                s.put("overdue", false);
            } else if (p instanceof ProposalResponseOverdue) {
                if (!CLOSED.contains((String) s.get("status"))) {
                    s.put("overdue", true);
                }
            }
        }

        private void answered(ProposalStatus status, Decision decision, String conditions, int daysLate) {
            s.put("status", status.name());
            s.put("outcome", status.name());
            s.put("reason", decision.reason());
            s.put("conditions", conditions);
            s.put("decidedAt", PublicData.value(decision.decidedAt()));
            s.put("decidedByRole", role(decision.decidedBy()));
            s.put("daysLate", daysLate);
            s.put("overdue", false);
        }

        @Override
        public Map<String, Object> toMap() {
            return s;
        }
    }

    /** A meeting: schedule, agenda, groups, what was said and resolved. */
    static final class MeetingState implements State {
        private final Map<String, Object> s = new LinkedHashMap<>();
        private final List<Object> agenda = new ArrayList<>();
        private final List<Map<String, Object>> groups = new ArrayList<>();
        private final List<Map<String, Object>> resolutions = new ArrayList<>();
        private final Set<String> opinionIds = new HashSet<>();
        private int opinions;
        private int participants;
        private int feedback;

        MeetingState() {
            for (String key : List.of("status", "kind", "ward", "district", "title", "startsAt", "endsAt", "venue",
                    "capacity", "publicObservation", "themes", "attendance", "cancelReason", "minutesPublished")) {
                s.put(key, null);
            }
            s.put("minutesPublished", false);
        }

        @Override
        public void apply(Object p) {
            if (p instanceof MeetingScheduled e) {
                s.put("status", "SCHEDULED");
                s.put("kind", PublicData.value(e.kind()));
                s.put("ward", PublicData.value(e.ward()));
                s.put("district", PublicData.value(e.district()));
                s.put("title", e.title());
                s.put("startsAt", PublicData.value(e.startsAt()));
                s.put("endsAt", PublicData.value(e.endsAt()));
                s.put("venue", e.venue());
                s.put("capacity", e.capacity());
                s.put("publicObservation", e.publicObservation());
                s.put("themes", e.themes());
            } else if (p instanceof MeetingRescheduled e) {
                s.put("startsAt", PublicData.value(e.startsAt()));
                s.put("endsAt", PublicData.value(e.endsAt()));
            } else if (p instanceof MeetingCancelled e) {
                s.put("status", "CANCELLED");
                s.put("cancelReason", e.reason());
            } else if (p instanceof AgendaPublished e) {
                agenda.clear();
                e.items().forEach(i -> agenda.add(map("title", i.title(), "lead", i.lead(),
                        "discussionPoints", i.discussionPoints(), "preparation", i.preparation())));
            } else if (p instanceof GroupFormed e) {
                groups.add(map("number", e.number(), "theme", e.theme()));
            } else if (p instanceof ParticipantRegistered) {
                participants++;
            } else if (p instanceof MeetingOpened e) {
                s.put("status", "OPEN");
                s.put("attendance", e.attendance());
            } else if (p instanceof OpinionRecorded e) {
                if (e.opinionId() == null || opinionIds.add(e.opinionId())) {
                    opinions++;
                }
            } else if (p instanceof ResolutionVoted e) {
                resolutions.add(map("resolutionId", e.resolutionId(), "motion", e.motion(),
                        "proposalId", e.proposalId(), "votesFor", e.votesFor(), "votesAgainst", e.votesAgainst(),
                        "abstentions", e.abstentions(), "outcome", e.decision().outcome(),
                        "reason", e.decision().reason()));
            } else if (p instanceof MeetingClosed e) {
                s.put("status", "CLOSED");
                s.put("attendance", e.attendance());
            } else if (p instanceof MinutesPublished) {
                s.put("minutesPublished", true);
            } else if (p instanceof FeedbackRecorded) {
                feedback++;
            }
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> out = new LinkedHashMap<>(s);
            out.put("agenda", agenda);
            out.put("groups", groups);
            out.put("participants", participants);
            out.put("opinions", opinions);
            out.put("resolutions", resolutions);
            out.put("feedback", feedback);
            return out;
        }
    }

    /** A collaborative project: partners, money, targets. */
    static final class ProjectState implements State {
        private final Map<String, Object> s = new LinkedHashMap<>();
        private final List<Map<String, Object>> partners = new ArrayList<>();
        private final List<Map<String, Object>> agreements = new ArrayList<>();
        private final Map<String, Map<String, Object>> targets = new LinkedHashMap<>();
        private long allocatedYen;
        private long spentYen;
        private int progressReports;

        ProjectState() {
            for (String key : List.of("status", "ward", "fiscalYear", "title", "theme", "programme",
                    "leadDepartment", "origin", "selfEvaluation", "unspentReturnedYen", "closingReason")) {
                s.put(key, null);
            }
        }

        @Override
        public void apply(Object p) {
            if (p instanceof ProjectLaunched e) {
                s.put("status", "LAUNCHED");
                s.put("ward", PublicData.value(e.ward()));
                s.put("fiscalYear", PublicData.value(e.fiscalYear()));
                s.put("title", e.title());
                s.put("theme", e.theme());
                s.put("programme", PublicData.value(e.programme()));
                s.put("leadDepartment", e.leadDepartment());
                s.put("origin", e.origin() == null ? null : map("proposalId", e.origin().proposalId(),
                        "meetingId", e.origin().meetingId(), "resolutionId", e.origin().resolutionId()));
            } else if (p instanceof ProjectApproved) {
                s.put("status", "APPROVED");
            } else if (p instanceof PartnerAdded e) {
                partners.add(map("name", e.name(), "type", e.type(), "role", e.role()));
            } else if (p instanceof AgreementSigned e) {
                agreements.add(map("agreementId", e.agreementId(), "title", e.title(), "signedOn", e.signedOn()));
            } else if (p instanceof BudgetAllocated e) {
                allocatedYen = Math.addExact(allocatedYen, e.amount().amount());
            } else if (p instanceof ExpenditureRecorded e) {
                spentYen = Math.addExact(spentYen, e.amount().amount());
            } else if (p instanceof TargetSet e) {
                Map<String, Object> target = map("name", e.name(), "unit", e.unit(), "baseline", e.baseline(),
                        "targets", e.targets());
                target.put("actuals", new LinkedHashMap<String, Object>());
                targets.put(e.name(), target);
            } else if (p instanceof ActualRecorded e) {
                Map<String, Object> target = targets.get(e.target());
                if (target != null) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> actuals = (Map<String, Object>) target.get("actuals");
                    actuals.put(Integer.toString(e.fiscalYear()), e.value());
                }
            } else if (p instanceof ProgressReported) {
                progressReports++;
            } else if (p instanceof SelfEvaluated e) {
                s.put("selfEvaluation", map("rating", e.rating(), "text", e.text()));
            } else if (p instanceof ProjectCompleted e) {
                s.put("status", "COMPLETED");
                s.put("closingReason", e.decision().reason());
            } else if (p instanceof ProjectTerminated e) {
                s.put("status", "TERMINATED");
                s.put("closingReason", e.decision().reason());
                s.put("unspentReturnedYen", e.unspent() == null ? null : e.unspent().amount());
            }
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> out = new LinkedHashMap<>(s);
            out.put("partners", partners);
            out.put("agreements", agreements);
            out.put("allocatedYen", allocatedYen);
            out.put("spentYen", spentYen);
            out.put("targets", new ArrayList<>(targets.values()));
            out.put("progressReports", progressReports);
            return out;
        }
    }

    /** A ward budget: its envelope and what is reserved against it. */
    static final class WardBudgetState implements State {
        private String ward;
        private Integer fiscalYear;
        private Long envelopeYen;
        private final Set<String> reservations = new HashSet<>();
        private long reservedGross;
        private long releasedReservations;
        private long returnedYen;

        @Override
        public void apply(Object p) {
            if (p instanceof BudgetEnvelopeSet e) {
                ward = (String) PublicData.value(e.ward());
                fiscalYear = e.fiscalYear().startYear();
                envelopeYen = e.envelope().amount();
            } else if (p instanceof FundsReserved e) {
                reservations.add(e.allocationId());
                reservedGross = Math.addExact(reservedGross, e.amount().amount());
            } else if (p instanceof FundsReleased e) {
                if (reservations.contains(e.releaseId())) {
                    releasedReservations = Math.addExact(releasedReservations, e.amount().amount());
                } else {
                    returnedYen = Math.addExact(returnedYen, e.amount().amount());
                }
            }
        }

        @Override
        public Map<String, Object> toMap() {
            long envelope = envelopeYen == null ? 0 : envelopeYen;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("ward", ward);
            out.put("fiscalYear", fiscalYear);
            out.put("envelopeYen", envelopeYen);
            out.put("reservedYen", reservedGross - releasedReservations);
            // as the ward-budget read model counts them: every release goes back to the envelope
            out.put("returnedYen", releasedReservations + returnedYen);
            out.put("availableYen", envelope - (reservedGross - releasedReservations - returnedYen));
            return out;
        }
    }
}
