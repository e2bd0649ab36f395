package kyodo.query.portal;

import kyodo.query.audit.DecisionLogEntry;

/**
 * A decision-log entry as the home page lists it, with the title of its subject where the portal
 * has a page for it (proposals so far), so that a visitor sees what was decided, not only an id.
 *
 * @param entry the entry, as the public log serves it
 * @param title the subject's title, or null when the portal has no page for the subject (yet)
 */
public record LatestDecision(DecisionLogEntry entry, String title) {
}
