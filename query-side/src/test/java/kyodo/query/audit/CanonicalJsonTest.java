package kyodo.query.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalJsonTest {

    @Test
    void membersAreSortedAtEveryLevelAndNothingIsIndented() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", "x");
        inner.put("y", List.of(1, "w"));
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("b", 1);
        outer.put("a", Arrays.asList(true, false, null));
        outer.put("c", inner);

        assertThat(CanonicalJson.text(outer)).isEqualTo("{\"a\":[true,false,null],\"b\":1,\"c\":{\"y\":[1,\"w\"],\"z\":\"x\"}}");
    }

    /** RFC 8785 §3.2.3: names sort by UTF-16 code units, so a surrogate pair sorts before U+FB33. */
    @Test
    void namesSortByUtf16CodeUnitsAsInTheRfcExample() {
        Map<String, Object> members = new HashMap<>();
        members.put("\u20ac", "Euro Sign");
        members.put("\r", "Carriage Return");
        members.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
        members.put("1", "One");
        members.put("\ud83d\ude00", "Emoji: Grinning Face");
        members.put("\u0080", "Control");
        members.put("\u00f6", "Latin Small Letter O With Diaeresis");

        assertThat(CanonicalJson.text(members)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\","
                + "\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void stringsAreEscapedMinimally() {
        assertThat(CanonicalJson.text("\"\\\b\f\n\r\t\u0001\u001f/\u007f<>&'"))
                .isEqualTo("\"\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f/\u007f<>&'\"");
    }

    @Test
    void textIsWrittenAsUtf8WithoutEscapingNonAscii() {
        byte[] bytes = CanonicalJson.bytes("幸区 😀");

        assertThat(bytes).isEqualTo("\"幸区 😀\"".getBytes(StandardCharsets.UTF_8));
        assertThat(bytes).hasSize(1 + 6 + 1 + 4 + 1);
    }

    @Test
    void anUnpairedSurrogateIsEscapedRatherThanLostOrRefused() {
        assertThat(CanonicalJson.text("a\ud800b\udc00")).isEqualTo("\"a\\ud800b\\udc00\"");
    }

    @Test
    void integersArePlainDigits() {
        assertThat(CanonicalJson.text(List.of(0, -7, 42L, 9_007_199_254_740_992L))).isEqualTo("[0,-7,42,9007199254740992]");
    }

    @Test
    void numbersNoReaderAgreesOnAreRefused() {
        assertThatThrownBy(() -> CanonicalJson.text(9_007_199_254_740_993L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.text(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.text(Map.of(1, "x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void instantsAreUtcWithExactlyThreeFractionDigits() {
        assertThat(CanonicalJson.instant(Instant.parse("2025-06-15T01:30:00Z"))).isEqualTo("2025-06-15T01:30:00.000Z");
        assertThat(CanonicalJson.instant(Instant.parse("2025-06-15T01:30:00.123456789Z")))
                .isEqualTo("2025-06-15T01:30:00.123Z");
        assertThat(CanonicalJson.text(Map.of("at", Instant.parse("1999-12-31T23:59:59.9Z"))))
                .isEqualTo("{\"at\":\"1999-12-31T23:59:59.900Z\"}");
    }

    @Test
    void theSameValueAlwaysGivesTheSameBytesWhateverTheMapOrder() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("seq", 1L);
        one.put("reason", "理由");
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("reason", "理由");
        other.put("seq", 1);

        assertThat(CanonicalJson.bytes(one)).isEqualTo(CanonicalJson.bytes(other));
    }
}
