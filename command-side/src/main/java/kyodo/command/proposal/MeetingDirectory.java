package kyodo.command.proposal;

/**
 * Tells the proposal whether a meeting exists, from the command side's own knowledge (never the
 * query side): see ADR 6.
 */
public interface MeetingDirectory {

    boolean exists(String meetingId);
}
