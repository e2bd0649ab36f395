package kyodo.query.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Canonical JSON in the style of RFC 8785 (JCS), for the values the audit trail hashes: objects,
 * arrays, strings, integers, booleans and null. Object members are sorted by their names' UTF-16
 * code units, there is no whitespace, strings are escaped minimally ({@code \"}, {@code \\},
 * {@code \b \f \n \r \t}, other controls as <code>&#92;u00xx</code>) and written as UTF-8,
 * integers as plain digits. An {@link Instant} is written as the string {@link #instant(Instant)}
 * gives (UTC, milliseconds, {@code Z}).
 * <p>
 * Two deliberate limits: fractional numbers are refused (the log holds none, and JCS's ECMAScript
 * number formatting is then not needed), and an unpaired surrogate, which JCS would refuse, is
 * escaped as <code>&#92;udxxx</code> so that no single event can ever block the log. Integers must
 * lie within ±2<sup>53</sup>, where every JSON reader agrees on them.
 */
public final class CanonicalJson {

    /** Largest integer every JSON reader represents exactly (2^53). */
    public static final long MAX_SAFE_INTEGER = 9_007_199_254_740_992L;

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    /** The canonical UTF-8 bytes of the value. */
    public static byte[] bytes(Object value) {
        return text(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical text of the value. */
    public static String text(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out);
        return out.toString();
    }

    /**
     * An instant as the log writes it: ISO-8601 in UTC with exactly three fraction digits and
     * {@code Z}, e.g. {@code 2025-06-15T01:30:00.000Z}; anything finer than a millisecond is cut off.
     */
    public static String instant(Instant instant) {
        return INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            long n = ((Number) value).longValue();
            if (Math.abs(n) > MAX_SAFE_INTEGER) {
                throw new IllegalArgumentException("integer out of the exactly representable range: " + n);
            }
            out.append(n);
        } else if (value instanceof Instant i) {
            string(instant(i), out);
        } else if (value instanceof Map<?, ?> map) {
            object(map, out);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not canonicalisable: " + value.getClass().getName());
        }
    }

    private static void object(Map<?, ?> map, StringBuilder out) {
        List<String> names = new ArrayList<>(map.size());
        for (Object key : map.keySet()) {
            if (!(key instanceof String name)) {
                throw new IllegalArgumentException("object member names must be strings: " + key);
            }
            names.add(name);
        }
        // String.compareTo compares UTF-16 code units, exactly the order RFC 8785 prescribes.
        names.sort(String::compareTo);
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(names.get(i), out);
            out.append(':');
            write(map.get(names.get(i)), out);
        }
        out.append('}');
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(c, out);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(c, out);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicodeEscape(char c, StringBuilder out) {
        out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
    }
}
