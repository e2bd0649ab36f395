package kyodo.query.portal;

import kyodo.kernel.decision.SubjectType;
import kyodo.query.audit.DecisionLogEntry;

/**
 * A decision-log entry as the portal lists it, with the title of its subject where the portal
 * has it (proposals, meetings, projects), so that a visitor sees what was decided, not only an id.
 *
 * @param entry the entry, as the public log serves it
 * @param title the subject's title, or null when the portal has none for the subject
 */
public record LatestDecision(DecisionLogEntry entry, String title) {

    /** The entry's own page, where it can be verified. */
    public String path() {
        return "/decisions/" + entry.seq();
    }

    /**
     * Whether the subject has a title the portal has not read yet: its read model is behind the log
     * (projections run apart), so the live log waits for it before showing the entry.
     */
    public boolean untitled() {
        return title == null && SubjectType.fromCode(entry.subjectType())
                .filter(type -> type != SubjectType.WARD_BUDGET).isPresent();
    }

    /**
     * The portal page of the entry's subject: {@code /proposals/{id}}, {@code /meetings/{id}},
     * {@code /projects/{id}}, or a ward budget's {@code /budgets/{ward}/{fiscal year}} (its id is
     * {@code ward-year}); null for a subject the portal has no page for.
     */
    public String subjectPath() {
        String id = entry.subjectId();
        return SubjectType.fromCode(entry.subjectType()).map(type -> switch (type) {
            case PROPOSAL -> "/proposals/" + id;
            case MEETING -> "/meetings/" + id;
            case PROJECT -> "/projects/" + id;
            case WARD_BUDGET -> id.lastIndexOf('-') > 0
                    ? "/budgets/" + id.substring(0, id.lastIndexOf('-')) + "/" + id.substring(id.lastIndexOf('-') + 1)
                    : null;
        }).orElse(null);
    }
}
