package kyodo.ops.demo;

import kyodo.ops.resident.follow.FollowDesk;
import kyodo.ops.resident.follow.NotificationMode;
import org.springframework.context.ApplicationContext;

/**
 * A demo resident follows something, so that the portal and their pages show follows and the console's
 * outbox fills as staff act (issue 17): a proposal and their ward, by immediate mail or the daily
 * digest. Called by the demo residents' loader once per resident, when it signs them up; following
 * again would change nothing, but it is not done again, so that an unfollow stays.
 */
final class DemoFollows {

    private DemoFollows() {
    }

    /**
     * @param residentSubject the resident's data subject id (their account's {@code subjectId})
     * @param proposalId      the proposal they follow
     * @param ward            their ward's code
     * @param mode            how they are told
     */
    static void follow(ApplicationContext context, String residentSubject, String proposalId, String ward,
                       NotificationMode mode) {
        FollowDesk desk = context.getBean(FollowDesk.class);
        desk.follow(residentSubject, desk.target("ward", ward));
        desk.follow(residentSubject, desk.target("proposal", proposalId));
        if (mode != NotificationMode.IMMEDIATE) {
            desk.mode(residentSubject, mode);
        }
    }
}
