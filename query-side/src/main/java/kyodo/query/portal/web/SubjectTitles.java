package kyodo.query.portal.web;

import kyodo.kernel.decision.SubjectType;
import kyodo.query.audit.DecisionLogEntry;
import kyodo.query.meeting.MeetingViews;
import kyodo.query.portal.LatestDecision;
import kyodo.query.project.ProjectViews;
import kyodo.query.proposal.ProposalViews;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Decision-log entries with their subjects' titles, read from the subjects' public read models
 * (proposals, meetings, projects; a ward budget has no title), for the home page's latest decisions
 * and the log's pages. Blocking.
 */
@Component
class SubjectTitles {

    private final ProposalViews proposals;
    private final MeetingViews meetings;
    private final ProjectViews projects;

    SubjectTitles(ProposalViews proposals, MeetingViews meetings, ProjectViews projects) {
        this.proposals = proposals;
        this.meetings = meetings;
        this.projects = projects;
    }

    List<LatestDecision> titled(List<DecisionLogEntry> entries) {
        return entries.stream().map(this::titled).toList();
    }

    LatestDecision titled(DecisionLogEntry entry) {
        Optional<String> title = SubjectType.fromCode(entry.subjectType()).flatMap(type -> switch (type) {
            case PROPOSAL -> proposals.title(entry.subjectId());
            case MEETING -> meetings.title(entry.subjectId());
            case PROJECT -> projects.title(entry.subjectId());
            case WARD_BUDGET -> Optional.empty();
        });
        return new LatestDecision(entry, title.orElse(null));
    }
}
