package kyodo.ops.console;

import kyodo.command.meeting.web.MeetingCommandBodies;
import kyodo.command.sending.AggregateCommands;
import kyodo.kernel.meeting.AgendaItem;
import kyodo.query.meeting.MeetingViews.MeetingPublicView;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The forms of a meeting's console page, each the browser's way to one command of the JSON API
 * ({@code MeetingCommandController}): the form's fields are read into the API's own body record (so
 * the same input is refused alike) and the body becomes the same command. {@link #offeredIn} only
 * decides which forms a page shows; the command side still decides what is allowed.
 */
enum MeetingAction implements ConsoleAction {

    /** One more agenda item: the agenda is published again with the items it has and the new one. */
    AGENDA(Set.of("SCHEDULED", "OPEN"), MeetingAction::agenda) {
        @Override
        Object checked(Object body) {
            List<MeetingCommandBodies.AgendaItem> items = ((MeetingCommandBodies.Agenda) body).items();
            return items.get(items.size() - 1);
        }
    },
    RESCHEDULE(Set.of("SCHEDULED"), (form, meeting) -> new MeetingCommandBodies.Rescheduling(
            form.tokyoTime("startsAt"), form.tokyoTime("endsAt"), form.text("reason"))),
    CANCEL(Set.of("SCHEDULED"), (form, meeting) -> new MeetingCommandBodies.Cancellation(form.text("reason"))),
    /** Sent through the meeting desk, which seals the participant's personal data first. */
    REGISTER(Set.of("SCHEDULED", "OPEN"), (form, meeting) -> new MeetingCommandBodies.Registration(
            new MeetingCommandBodies.ParticipantBody(form.text("name"), form.text("affiliation"),
                    form.text("nominatedBy"), form.text("contact")))) {
        @Override
        Object checked(Object body) {
            return ((MeetingCommandBodies.Registration) body).participant();
        }
    },
    OPEN(Set.of("SCHEDULED"), MeetingAction::headcount) {
        @Override
        AggregateCommands.OnSubject command(Object body) {
            return ((MeetingCommandBodies.Attendance) body).opening();
        }
    },
    /** Marks per registrant: a field {@code mark-<registrant id>} each; a registrant left unmarked keeps their mark. */
    ATTENDANCE(Set.of("OPEN"), (form, meeting) -> new MeetingCommandBodies.AttendanceRoll(form.marks())),
    GROUP(Set.of("SCHEDULED", "OPEN"), (form, meeting) ->
            new MeetingCommandBodies.Group(form.number("number"), form.text("theme"))),
    OPINION(Set.of("OPEN"), (form, meeting) -> new MeetingCommandBodies.Opinion(form.number("group"),
            form.text("theme"), form.text("text"), form.lines("related"), form.text("proposalId"))),
    RESOLUTION(Set.of("OPEN"), (form, meeting) -> new MeetingCommandBodies.Resolution(form.text("motion"),
            form.text("proposalId"), form.text("proposalOutcome"), form.number("votesFor"), form.number("votesAgainst"),
            form.number("abstentions"))),
    CLOSE(Set.of("OPEN"), MeetingAction::headcount) {
        @Override
        AggregateCommands.OnSubject command(Object body) {
            return ((MeetingCommandBodies.Attendance) body).closing();
        }
    },
    MINUTES(Set.of("CLOSED"), (form, meeting) -> new MeetingCommandBodies.Minutes(form.text("text"))),
    FEEDBACK(Set.of("OPEN", "CLOSED"), (form, meeting) -> {
        List<String> members = form.all("members");
        return new MeetingCommandBodies.Feedback(form.text("group"), members.isEmpty() ? null : members,
                form.text("text"));
    });

    private final Set<String> offeredIn;
    private final BiFunction<MeetingForm, MeetingPublicView, Object> body;

    MeetingAction(Set<String> offeredIn, BiFunction<MeetingForm, MeetingPublicView, Object> body) {
        this.offeredIn = offeredIn;
        this.body = body;
    }

    /** The form's fields as the API's body record; unreadable values are noted in the form's errors. */
    Object body(MeetingForm form, MeetingPublicView meeting) {
        return body.apply(form, meeting);
    }

    /** What the API's constraints are checked on: the body, or the part of it the form filled in. */
    Object checked(Object body) {
        return body;
    }

    /** The command the body stands for: the one the API sends for it (an added thing gets a fresh id). */
    AggregateCommands.OnSubject command(Object body) {
        return FormPosts.commandOf(body);
    }

    @Override
    public boolean offeredIn(String status) {
        return offeredIn.contains(status);
    }

    /** The agenda the meeting has, with the form's item after its items. */
    private static Object agenda(MeetingForm form, MeetingPublicView meeting) {
        List<MeetingCommandBodies.AgendaItem> items = new ArrayList<>(meeting.agenda().stream()
                .map(MeetingAction::itemOf).toList());
        items.add(new MeetingCommandBodies.AgendaItem(form.text("title"), form.text("lead"),
                form.lines("discussionPoints"), form.lines("preparation")));
        return new MeetingCommandBodies.Agenda(items);
    }

    /** The headcount at opening or at closing. */
    private static Object headcount(MeetingForm form, MeetingPublicView meeting) {
        return new MeetingCommandBodies.Attendance(form.number("attendance"));
    }

    /** An item the agenda has (as the query side shows it) as the API's body sends it again. */
    private static MeetingCommandBodies.AgendaItem itemOf(AgendaItem item) {
        return new MeetingCommandBodies.AgendaItem(item.title(), item.lead(), item.discussionPoints(),
                item.preparation());
    }
}
