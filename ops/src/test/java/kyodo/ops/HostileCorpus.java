package kyodo.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import static kyodo.ops.JsonPaths.at;
import static kyodo.ops.JsonPaths.set;

/**
 * Generates the hostile corpus: malformed or hostile requests against every command route and the
 * query endpoints, deterministically from a seed, so that a failure can be reproduced exactly.
 * <p>
 * Every command request is built to be refused: a body mutation always breaks the body (a wrong
 * type, a value out of range, an unknown field), and where the body stays valid something else is
 * wrong (the path, a header, the method, no credentials). So the event store must not grow.
 * The exhaustive classes (every route, every field) are {@link HostileEdgeCases}.
 */
final class HostileCorpus {

    static final long SEED = 8_008L;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MARKER = "HOSTILE-MARKER-7f3a";
    private static final String ID = "[A-Za-z0-9-]{1,64}";
    /** Fields whose value is an enum, an id or a time, where any injection-looking text is refused. */
    private static final Set<String> CODED_FIELDS = Set.of("ward", "programme", "channel", "kind", "district",
            "outcome", "proposalOutcome", "type", "meetingId", "proposalId", "resolutionId", "partyIds", "startsAt",
            "endsAt", "signedOn", "spentOn");
    private static final Set<String> ID_FIELDS = Set.of("meetingId", "proposalId", "resolutionId", "partyIds");

    private final Random random = new Random(SEED);
    private final List<CommandRoutes> routes;
    private final List<String[]> signedIn;
    private final String proposalId;
    private final String meetingId;
    private final String projectId;

    /**
     * @param signedIn the headers that sign a request in as a city-wide staff member
     */
    HostileCorpus(List<String[]> signedIn, String proposalId, String meetingId, String projectId) {
        this.signedIn = signedIn;
        this.proposalId = proposalId;
        this.meetingId = meetingId;
        this.projectId = projectId;
        this.routes = CommandRoutes.all(proposalId, meetingId, projectId);
    }

    /** The corpus: {@code count} requests, the categories interleaved. */
    List<HostileRequest> generate(int count) {
        List<Supplier<HostileRequest>> categories = List.of(
                this::brokenJson, this::wrongType, this::hugeBody, this::deepNesting, this::hugeNumber,
                this::controlCharacters, this::invalidUtf8, this::loneSurrogate, this::overlongText,
                this::longArray, this::injection, this::unknownField, this::duplicateKey, this::contentType,
                this::ifMatch, this::idempotencyKey, this::acceptHeaders, this::wrongMethod, this::hostileId,
                this::anonymousCommand, this::queryParameters, this::queryIds, this::transparency,
                this::unknownPaths, this::queryHeaders, this::wireLevel, this::hangUp);
        List<HostileRequest> corpus = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            corpus.add(categories.get(i % categories.size()).get());
        }
        return corpus;
    }

    // ---- command bodies ---------------------------------------------------------------------

    private HostileRequest brokenJson() {
        CommandRoutes route = route();
        String valid = route.validBody();
        String broken = switch (random.nextInt(22)) {
            case 0 -> valid.substring(0, random.nextInt(valid.length() - 1));
            case 1 -> valid + pick(List.of("}", "]", "x", "{}", ",", "\"", "/* c */", "//", "null", "{\"a\":1}", "1"));
            case 2 -> valid.replaceFirst("\\{", "[");
            case 3 -> valid.replace(':', '=');
            case 4 -> valid.replace('"', '\'');
            case 5 -> valid.substring(0, valid.lastIndexOf('}'));
            case 6 -> "[" + valid + "]";
            case 7 -> "x" + valid;
            case 8 -> "\uFEFF" + valid.substring(0, valid.length() / 2);
            case 9 -> pick(List.of("{", "}", "[", "]", "", " ", "\n", "null", "[]", "\"text\"", "0", "true", "{}",
                    "{\"\":}", "{,}", "{\"a\" \"b\"}"));
            case 10 -> valid.replaceFirst("\"([A-Za-z]+)\":", "$1:");
            case 11 -> valid.replaceFirst("}$", ",}");
            case 12 -> valid.replaceFirst(": ?\"", ": NaN, \"x\": \"");
            case 13 -> valid.replaceFirst("\\}\\s*$", "");
            case 14 -> valid.replace(",", "");
            case 15 -> valid.replaceFirst(": ", ": /* comment */ ");
            case 16 -> valid + valid;
            case 17 -> valid.replaceFirst("\\[", "{");
            case 18 -> valid.replaceFirst("\"", "");
            case 19 -> valid.replaceFirst(":", ": Infinity, \"y\":");
            case 20 -> "{\"a\": \"unterminated";
            default -> valid.replaceFirst("\\{", "{ \"k\": 'single', ");
        };
        if (broken.equals(valid)) {
            broken = valid.substring(0, valid.length() - 2);
        }
        return json("broken JSON", route, route.id(), broken.getBytes(StandardCharsets.UTF_8));
    }

    private HostileRequest wrongType() {
        CommandRoutes route = route();
        JsonNode tree = tree(route);
        List<String> path = randomPath(tree);
        JsonNode old = at(tree, path);
        List<Supplier<JsonNode>> options = new ArrayList<>();
        if (!old.isTextual()) {
            options.add(() -> new TextNode(old.isNumber() ? old.asText() : "x"));
        }
        if (!old.isNumber()) {
            options.add(() -> NODES.numberNode(123));
            options.add(() -> NODES.numberNode(1.5));
        }
        if (!old.isBoolean()) {
            options.add(() -> NODES.booleanNode(true));
        }
        if (!old.isArray()) {
            options.add(() -> NODES.arrayNode().add(old.isContainerNode() ? "x" : old.asText()));
        }
        if (!old.isObject()) {
            options.add(() -> parse("{\"$gt\": \"\"}"));
            options.add(NODES::objectNode);
        }
        if (old.isNumber() || old.isBoolean()) {
            options.add(() -> new TextNode(""));
        }
        set(tree, path, pick(options).get());
        return json("wrong type", route, route.id(), bytes(tree));
    }

    private HostileRequest hugeBody() {
        CommandRoutes route = route();
        JsonNode tree = tree(route);
        List<String> path = randomTextPath(tree);
        int size = 66_000 + random.nextInt(150_000);
        String filler = random.nextBoolean() ? "a".repeat(size) : "あ".repeat(size / 3 + 1);
        if (path == null) {
            ((ObjectNode) tree).put("filler", filler);
        } else {
            set(tree, path, new TextNode(filler));
        }
        HostileRequest request = json("huge body", route, route.id(), bytes(tree));
        return random.nextBoolean() ? request : new HostileRequest("huge body (chunked)", request.method(),
                request.target(), request.headers(), request.body(), true);
    }

    private HostileRequest deepNesting() {
        CommandRoutes route = route();
        int depth = pick(List.of(1_000, 10_000, 10_000, 20_000));
        String body = switch (random.nextInt(5)) {
            case 0 -> "[".repeat(depth) + "]".repeat(depth);
            case 1 -> "[".repeat(depth);
            case 2 -> "{\"a\":".repeat(depth / 2) + "1" + "}".repeat(depth / 2);
            case 3 -> {
                String valid = route.validBody();
                int colon = valid.indexOf(':');
                yield valid.substring(0, colon + 1) + "[".repeat(depth) + "]".repeat(depth)
                        + valid.substring(valid.indexOf(',', colon) < 0 ? valid.length() - 1 : valid.indexOf(',', colon));
            }
            default -> "{\"x\":".repeat(depth / 2);
        };
        return json("deep nesting", route, route.id(), body.getBytes(StandardCharsets.UTF_8));
    }

    private HostileRequest hugeNumber() {
        CommandRoutes route = route();
        JsonNode tree = tree(route);
        List<String> path = randomPath(tree, JsonNode::isNumber);
        if (path == null) {
            path = randomPath(tree);
        }
        String number = pick(List.of("1e309", "-1e309", "1e99999999", "-1e99999999", "1e-99999999",
                "99999999999999999999999", "-9223372036854775809", "9223372036854775808", "-1", "1.5", "1E2",
                "2.0", "0.5e1", "1".repeat(2_000), "-0.0", "10000000000000", "-2147483649"));
        return json("huge number", route, route.id(), replaceMarker(tree, path, number));
    }

    private HostileRequest controlCharacters() {
        CommandRoutes route = route();
        JsonNode tree = tree(route);
        List<String> path = randomTextPath(tree);
        if (path == null) {
            return overlongText();
        }
        String text = at(tree, path).asText();
        if (random.nextBoolean()) {
            char c = pick(List.of('\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f',
                    '\u007f', '\u0085', '\u009b'));
            set(tree, path, new TextNode(text.substring(0, random.nextInt(text.length() + 1)) + c + text));
            return json("control characters (escaped)", route, route.id(), bytes(tree));
        }
        String raw = pick(List.of("\u0000", "\u0001", "\u001b[31m", "\u0008", "\r\n\u0000"));
        return json("control characters (raw)", route, route.id(),
                replaceMarker(tree, path, "\"" + text + raw + "\""));
    }

    private HostileRequest invalidUtf8() {
        CommandRoutes route = route();
        JsonNode tree = tree(route);
        List<String> path = randomTextPath(tree);
        if (path == null) {
            path = randomPath(tree);
        }
        byte[][] sequences = {
                {(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xC1, (byte) 0xBF},
                {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xED, (byte) 0xB0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE3, (byte) 0x81},
                {(byte) 0x80}, {(byte) 0xC3}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xF0, (byte) 0x80, (byte) 0x80,
                (byte) 0xAF}, {(byte) 0xE0, (byte) 0x9F, (byte) 0xBF}};
        byte[] bad = sequences[random.nextInt(sequences.length)];
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        value.writeBytes("\"ab".getBytes(StandardCharsets.UTF_8));
        value.writeBytes(bad);
        value.writeBytes("cd\"".getBytes(StandardCharsets.UTF_8));
        return json("invalid UTF-8", route, route.id(), replaceMarker(tree, path, value.toByteArray()));
    }

    private HostileRequest loneSurrogate() {
        CommandRoutes route = route();
        JsonNode tree = tree(route);
        List<String> path = randomTextPath(tree);
        if (path == null) {
            path = randomPath(tree);
        }
        String escaped = pick(List.of("\"\\ud800\"", "\"\\udfff\"", "\"x\\ud800\\u0041\"", "\"\\udbff\\udbff\"",
                "\"\\udc00\\ud800\"", "\"ok\\ud83d\"", "\"\\ud83d\\ude00\\ud800\""));
        return json("lone surrogate", route, route.id(), replaceMarker(tree, path, escaped));
    }

    private HostileRequest overlongText() {
        CommandRoutes route = route();
        JsonNode tree = tree(route);
        List<String> path = randomTextPath(tree);
        // Longer than any text field allows (minutes: 50,000), shorter than the 64 KiB body limit.
        String longText = (random.nextBoolean() ? "長い" : "") + "x".repeat(50_001 + random.nextInt(10_000));
        if (path == null) {
            ((ObjectNode) tree).put("title", longText);
        } else {
            set(tree, path, new TextNode(longText));
        }
        return json("overlong string", route, route.id(), bytes(tree));
    }

    private HostileRequest longArray() {
        CommandRoutes route = route();
        JsonNode tree = tree(route);
        List<String> path = randomPath(tree, JsonNode::isArray);
        if (path == null) {
            return wrongType();
        }
        ArrayNode array = (ArrayNode) at(tree, path);
        JsonNode element = array.get(0);
        int size = pick(List.of(101, 1_000, 5_000));
        ArrayNode longer = NODES.arrayNode();
        for (int i = 0; i < size; i++) {
            longer.add(element.isTextual() ? NODES.textNode(element.asText().charAt(0) + "-" + i) : element);
        }
        set(tree, path, longer);
        return json("overlong array", route, route.id(), bytes(tree));
    }

    private HostileRequest injection() {
        CommandRoutes route = route();
        JsonNode tree = tree(route);
        List<String> path = randomPath(tree);
        String field = fieldOf(path);
        JsonNode value;
        if (CODED_FIELDS.contains(field) && random.nextBoolean()) {
            List<String> texts = HostileValues.INJECTION_TEXT.stream()
                    .filter(t -> !ID_FIELDS.contains(field) || !t.matches(ID)).toList();
            value = new TextNode(pick(texts));
        } else if (at(tree, path).isTextual() && random.nextBoolean()) {
            // Free text may say anything, so the injection comes with a NUL that must be refused.
            value = new TextNode(pick(HostileValues.INJECTION_TEXT) + "\u0000");
        } else {
            value = parse(pick(HostileValues.INJECTION_JSON));
        }
        set(tree, path, value);
        return json("injection", route, route.id(), bytes(tree));
    }

    private HostileRequest unknownField() {
        CommandRoutes route = route();
        JsonNode tree = tree(route);
        List<String> objectPath = random.nextBoolean() ? List.of() : randomPath(tree, JsonNode::isObject);
        ObjectNode target = (ObjectNode) (objectPath == null ? tree : at(tree, objectPath));
        String name = pick(List.of("$where", "$gt", "__proto__", "constructor", "id", "version", "submittedAt",
                "status", "staffId", "actorRole", "@class", "@type", "Title", "", "ward ", "actor", "decidedByRole",
                "prototype", "\u0000", "x".repeat(1_000)));
        target.set(name, random.nextBoolean() ? parse(pick(HostileValues.INJECTION_JSON))
                : new TextNode(pick(HostileValues.INJECTION_TEXT)));
        return json("unknown field", route, route.id(), bytes(tree));
    }

    private HostileRequest duplicateKey() {
        CommandRoutes route = route();
        JsonNode tree = tree(route);
        Iterator<String> names = tree.fieldNames();
        String first = names.next();
        String again = random.nextBoolean() ? tree.get(first).toString() : "\"changed\"";
        String body = bytesText(tree).replaceFirst("\\{",
                java.util.regex.Matcher.quoteReplacement("{\"" + first + "\": " + again + ", "));
        return json("duplicate key", route, route.id(), body.getBytes(StandardCharsets.UTF_8));
    }

    // ---- command headers, methods, paths ----------------------------------------------------

    private HostileRequest contentType() {
        CommandRoutes route = route();
        byte[] body = route.validBody().getBytes(StandardCharsets.UTF_8);
        HostileRequest request = json("content type", route, route.id(), body).withoutHeader("Content-Type");
        return switch (random.nextInt(4)) {
            case 0 -> request;
            case 1 -> request.withHeader("Content-Type", pick(List.of("application/json; charset=nope",
                    "application/json; charset=x-unknown-42", "application/json; charset=\"\"")));
            default -> request.withHeader("Content-Type", pick(HostileValues.BAD_CONTENT_TYPES));
        };
    }

    private HostileRequest ifMatch() {
        List<CommandRoutes> onSubjects = routes.stream().filter(r -> !r.creates()).toList();
        CommandRoutes route = pick(onSubjects);
        return json("bad If-Match", route, route.id(), route.validBody().getBytes(StandardCharsets.UTF_8))
                .withHeader("If-Match", pick(HostileValues.BAD_IF_MATCH));
    }

    private HostileRequest idempotencyKey() {
        CommandRoutes route = pick(routes.stream().filter(CommandRoutes::creates).toList());
        return json("bad Idempotency-Key", route, null, route.validBody().getBytes(StandardCharsets.UTF_8))
                .withHeader("Idempotency-Key", pick(HostileValues.BAD_IDEMPOTENCY_KEYS));
    }

    private HostileRequest acceptHeaders() {
        CommandRoutes route = route();
        if (random.nextBoolean()) {
            // Not acceptable: refused before the command runs, even with a valid body.
            return json("bad Accept", route, route.id(), route.validBody().getBytes(StandardCharsets.UTF_8))
                    .withoutHeader("Accept").withHeader("Accept", pick(List.of("text/html", "application/xml", "text/csv", "image/png")));
        }
        HostileRequest request = json("bad Accept/Accept-Language", route, route.id(),
                (route.validBody().replaceFirst("\\{", "{\"unknown\": 1, ")).getBytes(StandardCharsets.UTF_8));
        return random.nextBoolean()
                ? request.withHeader("Accept-Language", pick(HostileValues.BAD_ACCEPT_LANGUAGE))
                : request.withoutHeader("Accept").withHeader("Accept", pick(HostileValues.BAD_ACCEPT));
    }

    private HostileRequest wrongMethod() {
        CommandRoutes route = route();
        String method = pick(List.of("GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "FOO", "post",
                "PROPFIND", "M-SEARCH", "CONNECT"));
        if (method.equals(route.method())) {
            method = "DELETE";
        }
        byte[] body = method.equals("GET") || method.equals("HEAD") || method.equals("CONNECT") ? null
                : route.validBody().getBytes(StandardCharsets.UTF_8);
        HostileRequest request = json("wrong method", route, route.id(), body);
        return new HostileRequest(request.category(), method, request.target(), request.headers(), body, false);
    }

    private HostileRequest hostileId() {
        CommandRoutes route = pick(routes.stream().filter(r -> !r.creates()).toList());
        byte[] body = route.validBody().getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(4) == 0) {
            String suffix = pick(List.of("/", "/..", "/%2e%2e", "//", "%00", ".json", "/x", "%2F", "%3Bx=1"));
            HostileRequest request = json("hostile path", route, route.id(), body);
            String target = random.nextBoolean() ? request.target() + suffix
                    : route.pathPrefix() + route.id() + suffix + route.suffix();
            return new HostileRequest(request.category(), request.method(), target, request.headers(), body, false);
        }
        return json("hostile id", route, pick(HostileValues.HOSTILE_IDS), body);
    }

    private HostileRequest anonymousCommand() {
        CommandRoutes route = route();
        HostileRequest request = json("anonymous command", route, route.id(),
                route.validBody().getBytes(StandardCharsets.UTF_8));
        for (String[] header : signedIn) {
            request = request.withoutHeader(header[0]);
        }
        if (random.nextBoolean()) {
            request = request.withHeader("X-Kyodo-Staff-Id", pick(List.of("", "' OR 1=1 --", "x".repeat(65), "a b")))
                    .withHeader("X-Kyodo-Staff-Role", pick(List.of("ROOT", "admin", "", "ADMIN\u0000", "ANALYST")));
        }
        if (random.nextBoolean()) {
            request = request.withHeader("Authorization", pick(List.of("Basic", "Basic !!!", "Basic "
                    + java.util.Base64.getEncoder().encodeToString("admin:' OR 1=1 --".getBytes(StandardCharsets.UTF_8)),
                    "Bearer x.y.z", "Bearer " + "a".repeat(3_000), "Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoiQURNSU4ifQ.",
                    "Digest x", "\u00ff")));
        }
        return request;
    }

    // ---- queries ----------------------------------------------------------------------------

    private static final List<String> LISTS = List.of("/api/proposals", "/public/proposals", "/api/meetings",
            "/public/meetings", "/api/projects", "/public/projects", "/public/ward-budgets", "/public/decisions",
            "/public/audit/checkpoints", "/public/audit/proofs/inclusion", "/public/audit/proofs/consistency",
            "/public/audit/checkpoints/latest", "/public/audit/keys");
    private static final List<String> PARAMETERS = List.of("ward", "status", "theme", "programme", "fiscalYear",
            "overdue", "q", "page", "size", "sort", "kind", "from", "to", "after", "limit", "seq", "treeSize",
            "minVersion", "groupBy", "asOf", "$where", "__proto__", "page[$gt]", "ward[]", "q%00", "%zz");

    private String hostileParameterValue() {
        return switch (random.nextInt(3)) {
            case 0 -> encode(pick(HostileValues.INJECTION_TEXT));
            case 1 -> pick(List.of("-1", "99999999999999999999", "1e309", "1.5", "0", "2147483648", "-2147483649",
                    "9223372036854775807", "", "%20", "NaN", "Infinity", "0x10", encode("１２"), "true", "2025-02-30",
                    "9999-12-31", "+999999999-12-31", "-1000000000-01-01", "1000000", encode("(a+)+$"),
                    encode(".*"), encode("[")));
            default -> pick(List.of("%zz", "%", "%FF", "%C0%AF", "%00", "a%00b", "%E3%81", "x".repeat(3_000),
                    "%2e%2e%2f", "%ED%A0%80", "a+b", "%2B", "a&b", "=", "==", "%u0041"));
        };
    }

    private HostileRequest queryParameters() {
        StringBuilder query = new StringBuilder();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            query.append(i == 0 ? "?" : "&").append(pick(PARAMETERS)).append('=').append(hostileParameterValue());
        }
        if (random.nextInt(5) == 0) {
            query.append("&page=1&page=2");
        }
        return get("query parameters", pick(LISTS) + query, random.nextBoolean());
    }

    private HostileRequest queryIds() {
        String existing = pick(List.of(proposalId, meetingId, projectId));
        String kind = existing.equals(proposalId) ? "proposals" : existing.equals(meetingId) ? "meetings" : "projects";
        String area = random.nextBoolean() ? "/api/" : "/public/";
        if (random.nextInt(3) == 0) {
            String minVersion = pick(List.of("-1", "abc", "1e3", "99999999999999999999", "9223372036854775807",
                    "1000001", "%zz", "1.5", "0x1", "%00", "-9223372036854775808", encode("' OR 1=1 --"),
                    "0&minVersion=99999999"));
            return get("absurd minVersion", "/api/" + kind + "/" + existing + "?minVersion=" + minVersion, true);
        }
        return get("hostile id (query)", area + kind + "/" + pick(HostileValues.HOSTILE_IDS), area.equals("/api/"));
    }

    private HostileRequest transparency() {
        String type = pick(List.of("proposal", "meeting", "project", "ward-budget", "PROPOSAL", "%zz", "..",
                "' OR 1=1", "x".repeat(200), "proposal%00", "__proto__"));
        String subject = random.nextBoolean() ? pick(List.of(proposalId, meetingId, projectId))
                : pick(HostileValues.HOSTILE_IDS);
        String asOf = pick(List.of("abc", "", "9999-99-99", "%2B999999999-12-31T23:59:59Z", "+999999999-12-31T23:59:59Z",
                "-999999999-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z", "1000000000-12-31T23:59:59Z",
                "2025-06-01T09:00:00%2B25:00", "1e309", "%zz", "2025-06-01", "0", "2025-06-01T09:00:00 09:00",
                "2025-13-01T00:00:00Z", "2025-06-01T09:00:00.0000000001Z", "0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z", "2025-06-01T09:00:00%2B09:00[Asia/Tokyo]", encode("' OR 1=1 --")));
        String ward = pick(List.of("saiwai", "osaka", "%zz", "SAIWAI", "..", "' OR 1=1", "x".repeat(300)));
        String year = pick(List.of("2025", "-1", "99999999999999999999", "1e309", "1988", "2201", "abc", "%00",
                "2147483648", encode("２０２５")));
        String target = switch (random.nextInt(7)) {
            case 0 -> "/public/history/" + type + "/" + subject;
            case 1 -> "/public/history/" + type + "/" + subject + "?asOf=" + asOf;
            case 2 -> "/public/ward-budgets/" + ward + "/" + year;
            case 3 -> "/api/ward-budgets/" + ward + "/" + year + "?minVersion=" + pick(List.of("-1", "abc", "1000001"));
            case 4 -> "/public/audit/checkpoints/" + pick(List.of("0", "-1", "abc", "99999999999999999999", "1e309",
                    "%zz", "..", "9223372036854775807"));
            case 5 -> "/public/decisions?after=" + hostileParameterValue() + "&limit=" + hostileParameterValue();
            default -> "/public/audit/proofs/" + pick(List.of("inclusion?seq=", "consistency?from=", "inclusion?treeSize="))
                    + hostileParameterValue() + "&" + pick(List.of("treeSize=", "to=", "seq=")) + hostileParameterValue();
        };
        return get("transparency parameters", target, false);
    }

    private HostileRequest unknownPaths() {
        String target = pick(List.of("/analytics/proposals/summary?groupBy=" + hostileParameterValue(),
                "/analytics/" + pick(HostileValues.HOSTILE_IDS), "/analytics", "/api", "/api/", "/public", "/",
                "/actuator", "/actuator/env", "/actuator/heapdump", "/actuator/health/..%2f..%2f", "/actuator/../api",
                "/v3/api-docs/..%2f..%2f", "/swagger-ui/../../etc/passwd", "/webjars/..%2f..%2fetc%2fpasswd",
                "/%2e%2e/%2e%2e/etc/passwd", "/api/proposals/x/y/z", "/public/decisions/stream?after=%zz",
                "/api/personal-data/" + pick(HostileValues.HOSTILE_IDS), "/api/ward-budgets", "//api//proposals",
                "/api/./proposals", "/API/PROPOSALS", "/api/proposals%2F", "/public/proposals;jsessionid=1",
                "/public/../api/proposals", "/favicon.ico", "/index.html", "/.env", "/.git/config",
                "/WEB-INF/web.xml", "/api/proposals/" + proposalId + "/../../../etc/passwd"));
        String method = random.nextInt(4) == 0 ? "POST" : "GET";
        HostileRequest request = get("unknown or odd path", target, true);
        if (method.equals("POST")) {
            request = new HostileRequest(request.category(), "POST", target, request.headers(),
                    "{\"$where\": \"1\"}".getBytes(StandardCharsets.UTF_8), false)
                    .withHeader("Content-Type", "application/json");
        }
        return request;
    }

    private HostileRequest queryHeaders() {
        String target = pick(List.of("/api/proposals", "/public/proposals", "/public/meetings/" + meetingId,
                "/api/projects/" + projectId, "/public/decisions", "/public/audit/keys", "/public/proposals/" + proposalId,
                "/public/decisions/stream"));
        HostileRequest request = get("query headers", target, target.startsWith("/api"));
        if (target.endsWith("/stream")) {
            return request.withHeader("Accept", pick(List.of("application/json", "text/html", "application/xml")));
        }
        return switch (random.nextInt(4)) {
            case 0 -> request.withHeader("Accept", pick(HostileValues.BAD_ACCEPT));
            case 1 -> request.withHeader("Accept-Language", pick(HostileValues.BAD_ACCEPT_LANGUAGE));
            case 2 -> request.withHeader(pick(List.of("If-None-Match", "If-Modified-Since", "Range", "X-Forwarded-For",
                    "X-Forwarded-Host", "Forwarded", "Origin", "Cookie", "Content-Type")),
                    pick(List.of("' OR 1=1 --", "bytes=-1-", "*", "garbage", "x".repeat(4_000), "\u00ff\u00fe",
                            "\"" + "9".repeat(30) + "\"", "for=\"[::1\"", "null")));
            default -> new HostileRequest(request.category(), "GET", request.target(), request.headers(),
                    "{\"$gt\": \"\"}".getBytes(StandardCharsets.UTF_8), random.nextBoolean())
                    .withHeader("Content-Type", "application/json");
        };
    }

    private HostileRequest wireLevel() {
        List<String[]> headers = new ArrayList<>(signedIn);
        String target = "/api/proposals";
        String method = "GET";
        switch (random.nextInt(9)) {
            case 0 -> target = "/api/proposals/a b";
            case 1 -> target = "/public/proposals/\u0000";
            case 2 -> target = "http://evil.example/api/proposals";
            case 3 -> target = "api/proposals";
            case 4 -> headers.add(new String[] {"Bad Header", "x"});
            case 5 -> headers.add(new String[] {"X-Long", "x".repeat(20_000)});
            case 6 -> {
                for (int i = 0; i < 300; i++) {
                    headers.add(new String[] {"X-Many-" + i, "y".repeat(50)});
                }
            }
            case 7 -> method = "G\u00c9T";
            default -> target = "/public/proposals?q=" + "x".repeat(10_000);
        }
        return new HostileRequest("wire level", method, target, headers, null, false);
    }

    /**
     * A client that sends a request which makes the server block (a replay from the event store, a
     * wait) and hangs up while the server works on it.
     */
    private HostileRequest hangUp() {
        int after = pick(List.of(0, 0, 0, 1, 2, 3, 5, 8, 13, 20));
        String target = pick(List.of("/public/history/proposal/" + proposalId,
                "/public/history/meeting/" + meetingId + "?asOf=2030-01-01T00:00:00Z",
                "/public/history/project/" + projectId, "/public/history/proposal/" + proposalId
                        + "?asOf=2026-01-01T00:00:00Z", "/public/history/ward-budget/saiwai-2025",
                "/api/proposals/" + proposalId + "?minVersion=" + (1 + random.nextInt(1_000)),
                "/api/proposals?q=" + encode("駐輪場") + "&size=100", "/public/ward-budgets?fiscalYear=2025",
                "/public/decisions?limit=1000", "/public/audit/checkpoints/latest", "/api/projects/" + projectId,
                "/public/meetings?fiscalYear=2025"));
        if (random.nextInt(3) == 0) {
            // A valid command the aggregate refuses only after loading its events: a stale version, an unknown id.
            CommandRoutes route = pick(routes.stream().filter(r -> !r.creates() && r.method().equals("POST")).toList());
            byte[] body = route.validBody().getBytes(StandardCharsets.UTF_8);
            HostileRequest request = random.nextBoolean()
                    ? json("client hangs up (command)", route, route.id(), body).withHeader("If-Match", "\"1000000\"")
                    : json("client hangs up (command)", route, "00000000-0000-0000-0000-000000000000", body);
            return request.hangingUpAfter(after);
        }
        return get("client hangs up", target, true).hangingUpAfter(after);
    }

    // ---- helpers ----------------------------------------------------------------------------

    private CommandRoutes route() {
        return pick(routes);
    }

    private HostileRequest json(String category, CommandRoutes route, String id, byte[] body) {
        List<String[]> headers = new ArrayList<>(signedIn);
        headers.add(new String[] {"Content-Type", "application/json"});
        headers.add(new String[] {"Accept", "application/json"});
        return new HostileRequest(category, route.method(), route.path(id), headers, body, false);
    }

    private HostileRequest get(String category, String target, boolean signedInToo) {
        List<String[]> headers = new ArrayList<>(signedInToo ? signedIn : List.of());
        return new HostileRequest(category, "GET", target, headers, null, false);
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static JsonNode tree(CommandRoutes route) {
        return parse(route.validBody());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode tree) {
        return bytesText(tree).getBytes(StandardCharsets.UTF_8);
    }

    private static String bytesText(JsonNode tree) {
        return tree.toString();
    }

    /** Writes the tree with the value at {@code path} replaced by raw JSON bytes. */
    private static byte[] replaceMarker(JsonNode tree, List<String> path, String rawJson) {
        return replaceMarker(tree, path, rawJson.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] replaceMarker(JsonNode tree, List<String> path, byte[] rawJson) {
        set(tree, path, new TextNode(MARKER));
        String text = tree.toString();
        int at = text.indexOf("\"" + MARKER + "\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(rawJson);
        out.writeBytes(text.substring(at + MARKER.length() + 2).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private List<String> randomPath(JsonNode tree) {
        return randomPath(tree, node -> true);
    }

    private List<String> randomTextPath(JsonNode tree) {
        return randomPath(tree, JsonNode::isTextual);
    }

    /** A random path (field names and array indexes) to a node that passes the filter; null when none does. */
    private List<String> randomPath(JsonNode tree, java.util.function.Predicate<JsonNode> filter) {
        List<List<String>> paths = JsonPaths.paths(tree, filter);
        return paths.isEmpty() ? null : pick(paths);
    }

    /** The field a path ends in (for an array element, the array's field). */
    private static String fieldOf(List<String> path) {
        for (int i = path.size() - 1; i >= 0; i--) {
            if (!path.get(i).startsWith("#")) {
                return path.get(i);
            }
        }
        return "";
    }
}
