package kyodo.query.analytics;

import org.bson.Document;

import java.util.Map;

/** A cell's id, the key the stored cells are found by ({@link Cells}). */
final class CellIds {

    private CellIds() {
    }

    /**
     * A cell's id: its combination as {@link Document#toJson()} writes it, which the stored cells are keyed
     * by. Names and values that are plain (strings of letters, digits and printable ASCII but quotes and
     * backslashes; whole numbers; booleans; nulls) are written here, as that writer writes them
     * ({@code CellsTest} compares the two for every character); any other goes through that writer, which
     * looks a codec up for every value: per grain, per changed fact, per batch, it was a thirtieth of a
     * replay's thread.
     */
    static String of(Document key) {
        StringBuilder json = new StringBuilder(24 * key.size() + 2).append('{');
        for (Map.Entry<String, Object> entry : key.entrySet()) {
            if (json.length() > 1) {
                json.append(", ");
            }
            if (!plain(entry.getKey())) {
                return key.toJson();
            }
            json.append('"').append(entry.getKey()).append("\": ");
            Object value = entry.getValue();
            if (value == null || value instanceof Integer || value instanceof Long || value instanceof Boolean) {
                json.append(value);
            } else if (value instanceof String text && plain(text)) {
                json.append('"').append(text).append('"');
            } else {
                return key.toJson();
            }
        }
        return json.append('}').toString();
    }

    /** A letter or digit the JSON writer keeps as it is (it escapes modifier letters, say). */
    private static boolean letterOrDigit(char c) {
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER -> true;
            default -> false;
        };
    }

    /** Whether the JSON writer writes the string as it is, between quotes. */
    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ascii = c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
            if (!ascii && !(c > 0x7f && letterOrDigit(c))) {
                return false;
            }
        }
        return true;
    }
}
