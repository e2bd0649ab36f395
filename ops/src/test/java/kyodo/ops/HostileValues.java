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
}
