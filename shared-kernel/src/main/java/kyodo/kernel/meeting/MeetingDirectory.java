package kyodo.kernel.meeting;

import kyodo.kernel.Ward;

import java.util.Optional;

/**
 * Tells the proposal whether a meeting exists and whom it serves, from the command side's own
 * knowledge (never the query side): see ADR 6. The meeting feature answers it; the proposal feature
 * asks, so the two meet here, in the kernel, and not in each other's packages.
 */
public interface MeetingDirectory {

    /** The meeting of that id, if there is one. */
    Optional<Reach> find(String meetingId);

    /**
     * Whom a meeting serves: one ward, one district (several wards), or the whole city (both null).
     *
     * @param ward     its ward, or null
     * @param district its district when it is not one ward's, or null
     */
    record Reach(Ward ward, Ward.District district) {

        /** A meeting for the whole city. */
        public static final Reach CITY = new Reach(null, null);

        /** Whether the meeting can take up a subject of that ward. */
        public boolean serves(Ward subjectWard) {
            if (ward != null) {
                return ward == subjectWard;
            }
            return district == null || (subjectWard != null && subjectWard.district() == district);
        }
    }
}
