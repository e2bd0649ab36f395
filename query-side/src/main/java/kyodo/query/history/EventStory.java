package kyodo.query.history;

import kyodo.kernel.decision.Decision;

import java.util.Map;

import static kyodo.query.history.PublicData.orDash;
import static kyodo.query.history.PublicData.role;

/**
 * What one event tells the public: a sentence in Japanese, the same in English, and the event's
 * public fields (made with {@link PublicData}, so no personal data and no staff ids).
 *
 * @param ja   what happened, in Japanese
 * @param en   what happened, in English
 * @param data the event's public fields
 */
public record EventStory(String ja, String en, Map<String, Object> data) {

    /**
     * A decision event: its own sentence, then outcome, reason and the deciding role, written the
     * same way for every feature so a reader can compare decisions across the city.
     *
     * @param data the event's own public fields; the decision's public face is added to it
     */
    public static EventStory decided(String ja, String en, Decision decision, Map<String, Object> data) {
        data.put("decision", PublicData.decision(decision));
        String reason = orDash(decision.reason());
        String roleName = orDash(role(decision.decidedBy()));
        return new EventStory(
                ja + "【決定：" + decision.outcome() + "／理由：" + reason + "／" + roleName + "】",
                en + " [decision: " + decision.outcome() + "; reason: " + reason + "; by " + roleName + "]",
                data);
    }
}
