package kyodo.ops;

import java.util.List;

/**
 * The hostile values the corpus draws from: injection-looking text and objects, odd ids for paths,
 * hostile header values. Kept apart from the generator so that the catalogue reads as a list.
 */
final class HostileValues {

    private HostileValues() {
    }

    /** Text that looks like SQL, NoSQL, template or script injection. */
    static final List<String> INJECTION_TEXT = List.of(
            "' OR 1=1 --", "'; DROP TABLE DomainEventEntry; --", "\" OR \"\"=\"", "1; SELECT * FROM person_keys",
            "admin'--", "$where", "$gt", "{\"$gt\": \"\"}", "'; return true; var x='", "' || '1'=='1",
            "this.constructor.constructor('return process')()", "${jndi:ldap://127.0.0.1/a}", "${7*7}",
            "<script>alert(1)</script>", "../../../../etc/passwd", "..\\..\\windows\\win.ini", "{{7*7}}",
            "#{7*7}", ".*", "(a+)+$", "^(a|a)*$", "\\", "__proto__", "constructor", "null", "NaN", "-0",
            "1e309", "%00", "%s%s%s%n", "\u202Eevil", "ＳＥＬＥＣＴ", "saiwai' OR '1'='1", "SAIWAI", "saiwai ",
            " ACCEPTED", "accepted", "CITIZEN_PROPOSAL\u0000");

    /** JSON values (as text) shaped like NoSQL operators and prototype pollution. */
    static final List<String> INJECTION_JSON = List.of(
            "{\"$gt\": \"\"}", "{\"$ne\": null}", "{\"$where\": \"sleep(1000) || true\"}", "{\"$regex\": \".*\"}",
            "{\"$in\": [\"saiwai\", \"tama\"]}", "[{\"$gt\": \"\"}]", "{\"__proto__\": {\"admin\": true}}",
            "{\"constructor\": {\"prototype\": {\"admin\": true}}}", "{\"$expr\": {\"$eq\": [1, 1]}}",
            "{\"$function\": {\"body\": \"function() { return true; }\", \"args\": [], \"lang\": \"js\"}}");

    /** Path segments for an id, as written on the request line. */
    static final List<String> HOSTILE_IDS = List.of(
            "..%2F..%2Fetc%2Fpasswd", "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..", "...",
            "..;", "%2e%2e", "%2e", "%00", "a%00b", "%zz", "%", "%C0%AF", "%FF%FE", "%E3%81", "%u002e",
            "%27%20OR%201%3D1%20--", "%7B%22%24gt%22%3A%22%22%7D", "$where", "%24where", "x".repeat(65),
            "x".repeat(3_000), "%F0%9F%92%A9", "\u00e6\u008f\u0090\u00e6\u00a1\u0088", "null", "undefined", "0",
            "-1", "00000000-0000-0000-0000-000000000000", "%2F", "a%2Fb", "a;b=c", "%5C..%5C..%5Cwin.ini",
            "..%5C..%5C", "CON", "a%0D%0ASet-Cookie:%20x=1", "%0A", "*", "~", "a%20b", "%7e", "..%252F..%252F",
            "%252e%252e%252f", "%EF%BC%8E%EF%BC%8E", "'", "%22", "a%3Cb%3E", "%2B", "%E2%80%AE");

    /** Values of If-Match that are not a version ETag, or name a version nobody has. */
    static final List<String> BAD_IF_MATCH = List.of(
            "\"abc\"", "W/\"-1\"", "\"-1\"", "\"99999999999999999999\"", "\"1\", \"2\"", "\"\"", "\"", "1 2",
            "\"1.5\"", "\"0x10\"", "\"\u00ef\u00bc\u0091\"", "W/", "\"1000000\"", "\"9223372036854775807\"",
            "' OR 1=1 --", "{\"$gt\": \"\"}", "x".repeat(5_000));

    /** Values of Idempotency-Key a creation must refuse. */
    static final List<String> BAD_IDEMPOTENCY_KEYS = List.of(
            "a b", "\u00e9t\u00e9", "x".repeat(201), "x".repeat(5_000), "key\u007f", "' OR 1=1 --",
            "\u00e3\u0081\u0082");

    /** Accept headers the JSON endpoints cannot honour or cannot parse. */
    static final List<String> BAD_ACCEPT = List.of(
            "text/html", "application/xml", "text/csv", "image/png", ";;;", "*/*;q=abc", "application/json;q=2",
            "/", "application/", "text/*;q=0.5, */*;q=", "x".repeat(3_000), "application/json;charset=nope",
            "\u00ff\u00fe");

    /** Accept-Language headers that are malformed, absurd or huge. */
    static final List<String> BAD_ACCEPT_LANGUAGE = List.of(
            "xx-YY-invalid-tag-that-is-long", "*;q=2", "en;q=abc", "en;q=", ";;;", "ja-JP-u-ca-japanese",
            "x".repeat(3_000), "en, ja;q=0.5, *;q=0.1, " + "de;q=0.1, ".repeat(200), "123", "\u00ff\u00fe",
            "en;q=0.5;q=0.6", "ja_JP", "en-", "-en", "i-klingon", "zh-Hant-TW-x-private-1234567890");

    /** Content types a command must refuse (415), or whose charset it cannot read. */
    static final List<String> BAD_CONTENT_TYPES = List.of(
            "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/xml", "application/json; charset=nope", "application/json; charset=",
            "application/json; charset=\"utf-8", "json", "/", ";", "application/", "*/*", "text/json",
            "application/problem+json", "application/x-ndjson", "text/event-stream", "application/octet-stream",
            "x".repeat(3_000), "\u00ff\u00fe/json", "application/json, text/plain");

    /**
     * Numbers at the edges of what a field may hold, as raw JSON: zero, minus one, the 32-bit and
     * 64-bit limits and one past them, the first integer a double cannot hold (2^53 + 1), the
     * largest doubles, negative zero, a fraction where an integer is expected, exponents, and digit
     * strings longer than any parser's default.
     */
    static final List<String> EDGE_NUMBERS = List.of(
            "0", "-1", "-0", "-0.0", "1.5", "0.1", "2147483647", "2147483648", "-2147483648", "-2147483649",
            "4294967296", "9007199254740993", "-9007199254740993", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "1e308", "-1e308", "1.7976931348623157e308", "4.9e-324", "1e2", "1E+2", "10.0",
            "0.0000000000000000000001", "1" + "0".repeat(40), "9".repeat(1_001), "1." + "0".repeat(500),
            "1e-400");

    /**
     * Text that a parser, a normaliser or a screen treats unlike its bytes: composed (NFC) and
     * decomposed (NFD) forms of the same word, compatibility forms (full-width letters and digits,
     * ligatures, circled numbers, half-width kana), bidirectional controls that reorder what is
     * shown (U+202E, the isolates U+2066 to U+2069), zero-width characters, a byte-order mark inside
     * the text, noncharacters, characters outside the Basic Multilingual Plane, private use, and
     * combining marks on nothing.
     */
    static final List<String> UNICODE_TEXT = List.of(
            "が", "か\u3099", "Caf\u00e9", "Cafe\u0301", "\uff53\uff41\uff49\uff57\uff41\uff49", "\uff12\uff10\uff12\uff15",
            "\ufb01le", "\u2460\u2461", "\uff76\uff9e", "\u3232", "\u2126",
            "abc\u202edcba", "\u2066x\u2069", "\u2067\u05d0\u2069", "\u2068\u202e\u2069", "\u202a\u202b\u202c\u202d",
            "\u200e\u200f\u061c", "a\u200bb", "\u200c\u200d", "\u2060\u2061", "\ufeffx", "x\ufeff",
            "\ufffe", "\uffff", "\ufdd0", "\ud83f\udffe", "\udbff\udfff", "\ud83d\ude00", "\ud842\udfb7",
            "\ue000", "\u0301", "\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307", "\u115f\u1160", "\u3164",
            "\u00a0\u2003\u3000", "\u2028", "\u2029", "\ufff9\ufffa\ufffb", "\ufffc\ufffd");

    /** JSON escapes that name half a surrogate pair, or a pair in the wrong order. */
    static final List<String> LONE_SURROGATE_ESCAPES = List.of(
            "\\ud800", "\\udfff", "x\\ud800y", "\\udc00\\ud800", "\\ud800\\ud800", "\\ud83d",
            "\\ude00", "\\uDBFF\\u0041");

    /** Bodies that are JSON (or nothing) but not an object: every command must refuse them plainly. */
    static final List<String> NON_OBJECT_BODIES = List.of("", "null", "[]", "\"x\"", "1", "true", "false", "-0",
            "[{}]", " ", "\ufeff", "[null]", "\"\"");

    /**
     * Methods a command route does not take: WebDAV and tracing ones, CONNECT, lower- and mixed-case
     * spellings of its own (methods are case-sensitive), an unknown token and one very long one.
     */
    static final List<String> ODD_METHODS = List.of("PROPFIND", "PROPPATCH", "MKCOL", "TRACE", "TRACK", "CONNECT",
            "post", "Post", "put", "PATCH", "DELETE", "SEARCH", "QUERY", "BREW", "X".repeat(5_000));

    /**
     * Ways to write one path segment so that it decodes, normalises or folds into another one:
     * dot segments, encoded slashes and backslashes, NUL, overlong and invalid UTF-8, double
     * encoding, a %-encoded plain letter, full-width dots, matrix parameters.
     */
    static final List<String> ENCODED_SEGMENTS = List.of(
            "%2e%2e", "%2E%2E", ".%2e", "%2e.", "%2e", "%2F", "%2f..%2f", "%5C", "..%5C", "%00", "%2500", "%252e%252e",
            "%C0%AE%C0%AE", "%C0%AF", "%E0%80%AE", "%F0%80%80%AE", "%C1%9C", "%EF%BC%8E%EF%BC%8E", "%E2%80%AE",
            "%E2%80%8B", "%EF%BB%BF", ";x=1", "%3Bx=1", "%20", "%09", "%0D%0A", "%23", "%3F", "%FF");
}
