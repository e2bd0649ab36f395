package kyodo.query.history;

import java.time.Instant;
import java.util.Map;

/**
 * One event as the public history shows it: no personal data, no staff ids (roles only).
 *
 * @param seq           sequence number in the subject's stream
 * @param at            when it was recorded
 * @param kind          the event's simple class name in upper snake case, e.g. {@code PROPOSAL_SUBMITTED}
 * @param descriptionJa what happened, in Japanese
 * @param descriptionEn what happened, in English
 * @param data          the event's public fields
 */
public record HistoryEntry(long seq, Instant at, String kind, String descriptionJa, String descriptionEn,
                           Map<String, Object> data) {
}
