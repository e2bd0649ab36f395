package kyodo.ops.resident.follow;

import kyodo.kernel.follow.FollowKind;

/** What an unsubscribe link names and signs: the follower and one follow ({@code kind:id}) or {@code all}. */
final class Unsubscribe {

    private Unsubscribe() {
    }

    static String scope(FollowKind kind, String targetId) {
        return kind.slug() + ":" + targetId;
    }

    /** The text the link's signature covers. */
    static String signed(String follower, String scope) {
        return "unsubscribe|" + follower + "|" + scope;
    }
}
