package kyodo.kernel.meeting;

import kyodo.kernel.StaffRef;

import java.time.Instant;
import java.util.List;

/**
 * An opinion voiced at the meeting, with the related opinions gathered under it
 * (【関連する御意見】). Public; attributed to a group, never to a person.
 *
 * @param meetingId   the meeting
 * @param opinionId   the opinion's id
 * @param group       number of the group that voiced it, or null for the plenary
 * @param theme       its theme
 * @param text        the opinion
 * @param related     related opinions
 * @param proposalId  a proposal it concerns, or null
 * @param recordedAt  when
 * @param recordedBy  who recorded it
 */
public record OpinionRecorded(String meetingId, String opinionId, Integer group, String theme, String text,
                              List<String> related, String proposalId, Instant recordedAt, StaffRef recordedBy) {

    public OpinionRecorded {
        related = related == null ? List.of() : List.copyOf(related);
    }
}
