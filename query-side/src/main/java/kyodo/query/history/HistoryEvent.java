package kyodo.query.history;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of a subject's stream, as replay needs it: its sequence number in the aggregate's
 * stream, when the event store recorded it, and the kernel event itself.
 *
 * @param seq     sequence number in the aggregate's stream, from 0
 * @param at      when the event was recorded (the event message's timestamp)
 * @param payload the kernel event, e.g. {@code ProposalSubmitted}
 */
public record HistoryEvent(long seq, Instant at, Object payload) {

    public HistoryEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(payload, "payload");
    }
}
