package kyodo.query.portal.web;

import kyodo.kernel.decision.SubjectType;
import kyodo.query.audit.DecisionLog;
import kyodo.query.audit.DecisionLogEntry;
import kyodo.query.listing.SubjectViews;
import kyodo.query.meeting.MeetingViews;
import kyodo.query.portal.LatestDecision;
import kyodo.query.project.ProjectViews;
import kyodo.query.proposal.ProposalViews;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decision-log entries with their subjects' titles, read from the subjects' public read models
 * (proposals, meetings, projects; a ward budget has no title), for the home page's latest decisions
 * and the log's pages. Blocking.
 */
@Component
class SubjectTitles {

    private final DecisionLog log;
    /** The views of every subject that has a title, by its type. */
    private final Map<SubjectType, SubjectViews> subjects;

    SubjectTitles(DecisionLog log, ProposalViews proposals, MeetingViews meetings, ProjectViews projects) {
        this.log = log;
        this.subjects = Map.of(SubjectType.PROPOSAL, proposals, SubjectType.MEETING, meetings,
                SubjectType.PROJECT, projects);
    }

    /** The last {@code count} entries of the public decision log, newest first. */
    List<LatestDecision> latest(int count) {
        long size = log.size();
        List<DecisionLogEntry> entries = new ArrayList<>(log.after(Math.max(0, size - count), count));
        entries.sort(Comparator.comparingLong(DecisionLogEntry::seq).reversed());
        return titled(entries);
    }

    List<LatestDecision> titled(List<DecisionLogEntry> entries) {
        return entries.stream().map(this::titled).toList();
    }

    LatestDecision titled(DecisionLogEntry entry) {
        Optional<String> title = SubjectType.fromCode(entry.subjectType()).map(subjects::get)
                .flatMap(subject -> subject.title(entry.subjectId()));
        return new LatestDecision(entry, title.orElse(null));
    }
}
