package kyodo.query.project;

/** Where a collaborative project stands, as the read model tells it. */
public enum ProjectStatus {
    /** Launched, not yet approved. */
    LAUNCHED,
    /** Approved: partners, agreements, money and targets follow. */
    APPROVED,
    /** Completed, with its summary. */
    COMPLETED,
    /** Terminated early; its unspent allocation went back to the ward budget. */
    TERMINATED
}
