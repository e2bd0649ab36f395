package kyodo.kernel.meeting;

/** The kinds of meeting in the seeds. */
public enum MeetingKind {
    /** 区民会議: residents deliberate on ward issues, over terms (期). */
    WARD_ASSEMBLY,
    /** 有識者会議: numbered sessions with themes, a lead and discussion points. */
    EXPERT_PANEL,
    /** Workshops where groups under themes produce opinions (seed 003). */
    WORKSHOP,
    /** 車座集会: informal town-hall circles. */
    TOWN_HALL,
    /** Forums collecting opinions, e.g. on interim reports. */
    FORUM
}
