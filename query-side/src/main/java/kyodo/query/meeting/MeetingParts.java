package kyodo.query.meeting;

import kyodo.kernel.meeting.AgendaItem;
import kyodo.query.meeting.MeetingViews.Group;
import kyodo.query.meeting.MeetingViews.Opinion;
import kyodo.query.meeting.MeetingViews.Resolution;
import kyodo.query.meeting.MeetingViews.TimelineEntry;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static kyodo.query.platform.StoredValues.instant;

/** The parts of a meeting's public view, read from the parts of its document ({@link MeetingViews}). */
final class MeetingParts {

    private MeetingParts() {
    }

    /**
     * The formed groups in number order, each with its opinions in the order recorded. An opinion
     * naming a group that was never formed still shows, under that number without a theme.
     */
    static List<Group> groups(List<Document> formed, List<Document> opinions) {
        Map<Integer, String> themes = new LinkedHashMap<>();
        formed.forEach(g -> themes.putIfAbsent(g.getInteger("number"), g.getString("theme")));
        Map<Integer, List<Opinion>> byGroup = new LinkedHashMap<>();
        themes.keySet().forEach(number -> byGroup.put(number, new ArrayList<>()));
        opinions.stream().filter(o -> o.getInteger("group") != null).forEach(o ->
                byGroup.computeIfAbsent(o.getInteger("group"), n -> new ArrayList<>()).add(opinion(o)));
        return byGroup.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .map(e -> new Group(e.getKey(), themes.get(e.getKey()), List.copyOf(e.getValue()))).toList();
    }

    static Opinion opinion(Document o) {
        return new Opinion(o.getString("opinionId"), o.getString("theme"), o.getString("text"),
                o.getList("related", String.class, List.of()), o.getString("proposalId"), instant(o, "recordedAt"));
    }

    static Resolution resolution(Document r) {
        return new Resolution(r.getString("resolutionId"), r.getString("decisionId"), r.getString("motion"),
                r.getString("proposalId"), r.getString("proposalOutcome"), r.getInteger("votesFor"),
                r.getInteger("votesAgainst"), r.getInteger("abstentions"), r.getInteger("attendance"),
                r.getString("outcome"), r.getString("reason"), r.getString("role"), instant(r, "decidedAt"));
    }

    static AgendaItem agendaItem(Document item) {
        return new AgendaItem(item.getString("title"), item.getString("lead"),
                item.getList("discussionPoints", String.class, List.of()),
                item.getList("preparation", String.class, List.of()));
    }

    static TimelineEntry timelineEntry(Document entry) {
        return new TimelineEntry(entry.getLong("seq"), entry.getString("kind"), instant(entry, "at"),
                instant(entry, "from"), instant(entry, "to"), entry.getString("reason"),
                entry.getInteger("attendance"), entry.getInteger("items"), entry.getString("resolutionId"),
                entry.getString("motion"), entry.getString("outcome"), entry.getString("group"),
                entry.getString("role"));
    }
}
