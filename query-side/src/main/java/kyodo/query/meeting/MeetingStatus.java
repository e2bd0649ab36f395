package kyodo.query.meeting;

/**
 * Where a meeting stands, as the read model shows it and lists filter on. The kernel records what
 * happened (scheduled, cancelled, opened, closed); this is the state those events leave, derived
 * here because only the views need it by name.
 */
public enum MeetingStatus {
    /** Scheduled (possibly rescheduled) and not yet opened. */
    SCHEDULED,
    /** Cancelled before it opened. */
    CANCELLED,
    /** In session: opinions and resolutions are being recorded. */
    OPEN,
    /** Closed; minutes and feedback may follow. */
    CLOSED
}
