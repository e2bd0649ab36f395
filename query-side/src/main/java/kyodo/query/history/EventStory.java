package kyodo.query.history;

import kyodo.kernel.decision.Decision;

import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

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

    private static final ResourceBundle JA = ResourceBundle.getBundle("i18n/portal", Locale.JAPANESE);
    private static final ResourceBundle EN = ResourceBundle.getBundle("i18n/portal", Locale.ENGLISH);

    /**
     * A decision event: its own sentence, then outcome, reason and the deciding role, written the
     * same way for every feature so a reader can compare decisions across the city.
     *
     * @param data the event's own public fields; the decision's public face is added to it
     */
    public static EventStory decided(String ja, String en, Decision decision, Map<String, Object> data) {
        data.put("decision", PublicData.decision(decision));
        String reason = orDash(decision.reason());
        String role = role(decision.decidedBy());
        return new EventStory(
                ja + "【決定：" + word(JA, "outcome.", decision.outcome()) + "／理由：" + reason + "／"
                        + word(JA, "role.", role) + "】",
                en + " [decision: " + word(EN, "outcome.", decision.outcome()) + "; reason: " + reason + "; by "
                        + word(EN, "role.", role) + "]",
                data);
    }

    /**
     * A code's plain word, from the portal's bundle, so the history's sentence and the portal's pages
     * name an outcome or a role alike; the code itself when the bundle has no word for it.
     */
    private static String word(ResourceBundle words, String prefix, Object code) {
        if (code == null) {
            return orDash(null);
        }
        try {
            return words.getString(prefix + code);
        } catch (MissingResourceException unknown) {
            return String.valueOf(code);
        }
    }
}
