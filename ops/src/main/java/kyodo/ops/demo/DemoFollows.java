package kyodo.ops.demo;

import kyodo.ops.resident.follow.FollowDesk;
import kyodo.ops.resident.follow.NotificationMode;
import org.springframework.context.ApplicationContext;

import java.util.List;

/**
 * The demo residents follow something, so that the portal and their pages show follows and the
 * console's outbox fills as staff act (issue 17): each follows one of the given proposals and the
 * proposal's ward, and every second one takes the daily digest instead of immediate mail. Called once
 * by the demo residents' loader with their data subjects; following again changes nothing.
 */
public final class DemoFollows {

    private DemoFollows() {
    }

    /**
     * @param residentSubjects the demo residents' data subject ids (their accounts' {@code subjectId})
     * @param proposalIds      proposals to follow, shared out in turn; none: the residents follow their wards only
     * @param wards            the ward code of each resident, in the same order
     */
    public static void follow(ApplicationContext context, List<String> residentSubjects, List<String> proposalIds,
                              List<String> wards) {
        if (residentSubjects.size() != wards.size()) {
            throw new IllegalArgumentException("one ward per resident");
        }
        FollowDesk desk = context.getBean(FollowDesk.class);
        for (int i = 0; i < residentSubjects.size(); i++) {
            String follower = residentSubjects.get(i);
            desk.follow(follower, desk.target("ward", wards.get(i)));
            if (!proposalIds.isEmpty()) {
                desk.follow(follower, desk.target("proposal", proposalIds.get(i % proposalIds.size())));
            }
            if (i % 2 == 1) {
                desk.mode(follower, NotificationMode.DIGEST);
            }
        }
    }
}
