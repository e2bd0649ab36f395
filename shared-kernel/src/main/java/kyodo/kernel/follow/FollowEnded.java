package kyodo.kernel.follow;

import java.time.Instant;

/**
 * A resident stopped following something: on their page, or by the signed unsubscribe link of a
 * notification (which needs no sign-in). No personal data, as {@link FollowStarted}.
 *
 * @param followerId the resident's data subject id
 * @param kind       what kind of thing was followed
 * @param targetId   its id
 * @param endedAt    when
 */
public record FollowEnded(String followerId, FollowKind kind, String targetId, Instant endedAt) {
}
