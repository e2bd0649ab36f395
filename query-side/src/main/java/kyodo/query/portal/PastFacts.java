package kyodo.query.portal;

import kyodo.kernel.Ward;
import kyodo.kernel.decision.SubjectType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A subject's public state at a past moment, as a page lists it: which fields of the history's replay
 * (what {@code /public/history/{type}/{id}?asOf=} answers) a visitor reads, in which order, under which
 * label and written how. It chooses and orders; it computes nothing, so the page and the API cannot
 * disagree. A field the replay left empty (say, the answer before it was given) is not listed.
 */
public final class PastFacts {

    /** How a fact's value is written; the page's language decides the words. */
    public enum Kind {
        /** Free text as recorded (Japanese). */
        TEXT,
        /** Several texts, e.g. the partners' names. */
        TEXTS,
        /** A named value shown by its message: the fact's {@code codes} prefix + the name. */
        CODE,
        /** A calendar day ({@link LocalDate}). */
        DATE,
        /** A moment ({@link Instant}), with its time of day. */
        MOMENT,
        YEN,
        COUNT,
        /** Yes or no. */
        FLAG,
        /** A ward or a district ({@link Ward} or {@link Ward.District}), by its name. */
        PLACE,
        FISCAL_YEAR
    }

    /**
     * @param label the message key of the label
     * @param codes the message prefix of a {@link Kind#CODE} value
     */
    public record Fact(String label, Kind kind, Object value, String codes) {
    }

    /** @param item of a list (or a map) of records, the field each shows (e.g. a partner's name) */
    private record Field(String key, String label, Kind kind, String codes, String item) {

        Field(String key, String label, Kind kind) {
            this(key, label, kind, null, null);
        }

        static Field code(String key, String label, String codes) {
            return new Field(key, label, Kind.CODE, codes, null);
        }

        static Field of(String key, String label, Kind kind, String item) {
            return new Field(key, label, kind, null, item);
        }
    }

    private static final Map<SubjectType, List<Field>> FIELDS = Map.of(
            SubjectType.PROPOSAL, List.of(
                    Field.code("status", "proposal.status", "status."),
                    new Field("ward", "proposal.ward", Kind.PLACE),
                    new Field("submittedAt", "proposal.submittedAt", Kind.MOMENT),
                    new Field("themes", "proposal.themes", Kind.TEXTS),
                    Field.code("programme", "proposal.programme", "proposalProgramme."),
                    new Field("department", "proposal.department", Kind.TEXT),
                    new Field("dueOn", "proposal.dueOn", Kind.DATE),
                    new Field("overdue", "proposal.overdue", Kind.FLAG),
                    new Field("progressUpdates", "past.progressUpdates", Kind.COUNT),
                    new Field("body", "proposal.body", Kind.TEXT),
                    Field.code("outcome", "proposal.outcome", "outcome."),
                    new Field("reason", "proposal.reason", Kind.TEXT),
                    new Field("conditions", "proposal.conditions", Kind.TEXT),
                    new Field("decidedAt", "proposal.decidedAt", Kind.MOMENT),
                    Field.code("decidedByRole", "past.decidedBy", "role.")),
            SubjectType.MEETING, List.of(
                    Field.code("status", "meetings.status", "meetingStatus."),
                    Field.code("kind", "meetings.kind", "meetingKind."),
                    new Field("ward", "meeting.place", Kind.PLACE),
                    new Field("district", "meeting.place", Kind.PLACE),
                    new Field("startsAt", "meeting.when", Kind.MOMENT),
                    new Field("venue", "meeting.venue", Kind.TEXT),
                    new Field("capacity", "meeting.capacity", Kind.COUNT),
                    new Field("themes", "proposal.themes", Kind.TEXTS),
                    new Field("cancelReason", "proposal.reason", Kind.TEXT),
                    Field.of("agenda", "meeting.agenda", Kind.TEXTS, "title"),
                    new Field("participants", "meeting.registrations", Kind.COUNT),
                    new Field("attendance", "past.attendance", Kind.COUNT),
                    Field.of("groups", "past.groups", Kind.TEXTS, "theme"),
                    new Field("opinions", "past.opinions", Kind.COUNT),
                    Field.of("resolutions", "meeting.resolutions", Kind.TEXTS, "motion"),
                    new Field("minutesPublished", "past.minutesPublished", Kind.FLAG)),
            SubjectType.PROJECT, List.of(
                    Field.code("status", "project.status", "projectStatus."),
                    new Field("ward", "proposal.ward", Kind.PLACE),
                    new Field("fiscalYear", "proposal.fiscalYear", Kind.FISCAL_YEAR),
                    Field.code("programme", "project.programme", "programme."),
                    new Field("theme", "project.theme", Kind.TEXT),
                    new Field("leadDepartment", "project.leadDepartment", Kind.TEXT),
                    Field.of("partners", "project.partners", Kind.TEXTS, "name"),
                    Field.of("agreements", "project.agreements", Kind.TEXTS, "title"),
                    new Field("allocatedYen", "project.allocated", Kind.YEN),
                    new Field("spentYen", "project.spent", Kind.YEN),
                    Field.of("targets", "project.targets", Kind.TEXTS, "name"),
                    new Field("progressReports", "past.progressReports", Kind.COUNT),
                    Field.of("selfEvaluation", "project.evaluation", Kind.TEXT, "text"),
                    new Field("closingReason", "proposal.reason", Kind.TEXT),
                    new Field("unspentReturnedYen", "project.unspentReturned", Kind.YEN)));

    private PastFacts() {
    }

    /** The facts of a replayed state, in the page's order; empty values left out. */
    public static List<Fact> of(SubjectType type, Map<String, Object> state) {
        List<Fact> facts = new ArrayList<>();
        for (Field field : FIELDS.getOrDefault(type, List.of())) {
            Object value = value(field, state.get(field.key()));
            if (value != null && !(value instanceof Collection<?> items && items.isEmpty())) {
                facts.add(new Fact(field.label(), field.kind(), value, field.codes()));
            }
        }
        return List.copyOf(facts);
    }

    /** The replay's JSON-friendly value made into what the page writes (a day, a moment, a ward, …). */
    private static Object value(Field field, Object raw) {
        if (raw == null) {
            return null;
        }
        Object picked = field.item() == null ? raw : pick(raw, field.item());
        return switch (field.kind()) {
            case DATE -> LocalDate.parse(picked.toString());
            case MOMENT -> Instant.parse(picked.toString());
            case YEN, COUNT -> ((Number) picked).longValue();
            case FISCAL_YEAR -> ((Number) picked).intValue();
            case PLACE -> Ward.fromCode(picked.toString()).map(Object.class::cast)
                    .or(() -> Ward.District.fromCode(picked.toString())).orElse(null);
            case TEXTS -> ((Collection<?>) picked).stream().filter(Objects::nonNull).map(Object::toString).toList();
            default -> picked;
        };
    }

    /** The named field of each record of a list, or of a single record. */
    private static Object pick(Object raw, String item) {
        if (raw instanceof Collection<?> records) {
            return records.stream().map(r -> r instanceof Map<?, ?> m ? m.get(item) : null).toList();
        }
        return raw instanceof Map<?, ?> record ? record.get(item) : null;
    }
}
