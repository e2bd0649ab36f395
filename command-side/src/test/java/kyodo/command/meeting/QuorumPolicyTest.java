package kyodo.command.meeting;

import kyodo.kernel.meeting.MeetingKind;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The quorum the console shows before a vote is the one the meeting checks when it is recorded. */
class QuorumPolicyTest {

    private final QuorumPolicy policy = new QuorumPolicy(0.5, Map.of(MeetingKind.WARD_ASSEMBLY, 0.66));

    @Test
    void moreThanHalfOfTheAttendanceMustVoteByDefault() {
        assertThat(policy.votesNeeded(MeetingKind.WORKSHOP, 20)).isEqualTo(11);
        assertThat(policy.reached(MeetingKind.WORKSHOP, 10, 20)).isFalse();
        assertThat(policy.reached(MeetingKind.WORKSHOP, 11, 20)).isTrue();
        assertThat(policy.votesNeeded(MeetingKind.WORKSHOP, 21)).isEqualTo(11);
        assertThat(policy.reached(MeetingKind.WORKSHOP, 10, 21)).isFalse();
    }

    @Test
    void aKindsOwnShareCountsForItsMeetings() {
        assertThat(policy.votesNeeded(MeetingKind.WARD_ASSEMBLY, 100)).isEqualTo(67);
        assertThat(policy.reached(MeetingKind.WARD_ASSEMBLY, 66, 100)).isFalse();
        assertThat(policy.reached(MeetingKind.WARD_ASSEMBLY, 67, 100)).isTrue();
    }

    @Test
    void aMeetingWithoutAttendanceNeedsOneVote() {
        assertThat(policy.votesNeeded(MeetingKind.FORUM, 0)).isEqualTo(1);
    }
}
