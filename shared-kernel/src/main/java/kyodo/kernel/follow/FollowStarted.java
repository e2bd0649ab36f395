package kyodo.kernel.follow;

import java.time.Instant;

/**
 * A resident started following a proposal, meeting, project or ward, to be told by mail of what
 * happens to it. No personal data: the follower is the pseudonymous subject id of the resident's
 * sealed data, so erasing their key (deleting the account) leaves nothing a follow could reach.
 *
 * @param followerId the resident's data subject id (never an account id, a name or an address)
 * @param kind       what kind of thing is followed
 * @param targetId   its id (a ward's code for {@link FollowKind#WARD})
 * @param followedAt when
 */
public record FollowStarted(String followerId, FollowKind kind, String targetId, Instant followedAt) {
}
