package kyodo.kernel.meeting;

import java.util.List;

/**
 * One item of a meeting's agenda.
 *
 * @param title            what is discussed
 * @param lead             who leads it, as a role or body (e.g. 座長, 事務局), never a private person's name
 * @param discussionPoints points to discuss
 * @param preparation      preparation tasks before the session
 */
public record AgendaItem(String title, String lead, List<String> discussionPoints, List<String> preparation) {

    public AgendaItem {
        discussionPoints = discussionPoints == null ? List.of() : List.copyOf(discussionPoints);
        preparation = preparation == null ? List.of() : List.copyOf(preparation);
    }
}
