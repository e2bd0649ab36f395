package kyodo.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static kyodo.ops.JsonPaths.at;
import static kyodo.ops.JsonPaths.paths;
import static kyodo.ops.JsonPaths.set;

/**
 * The part of the hostile corpus that is exhaustive rather than drawn at random: every edge case
 * of a class against every command route, field or header it applies to, so that no route is
 * missed by chance (issue 12: a separate corpus found classes the random one had not hit).
 * <p>
 * Where the hostile part alone might be accepted (a bidi control in free text, a number at the
 * edge of its range, a repeated header), the request carries a second defect that the app can
 * only find after reading the body: a stale {@code If-Match} on an existing subject (412 at the
 * aggregate) or, for a creation, a signed-in staff member of another ward (403). So whatever the
 * app makes of the hostile part, nothing may be stored. Requests that must never execute
 * (cut-short bodies, oversized trailers, smuggled requests, odd methods) carry a valid body, so an
 * execution shows as a stored event.
 */
final class HostileEdgeCases {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many values of {@link HostileValues#UNICODE_TEXT} one text field skips; see {@link #unicodeText}. */
    private static final int UNICODE_STRIDE = 4;
    /** A version no subject of the corpus reaches. */
    static final String STALE_IF_MATCH = "\"1000000\"";

    private final List<CommandRoutes> routes;
    private final List<String[]> signedIn;
    private final List<String[]> otherWard;
    private final Map<String, String> subjects;
    private final int headerLimit;

    /**
     * @param signedIn  headers signing in a city-wide staff member
     * @param otherWard headers signing in a staff member of a ward none of the bodies name
     * @param subjects  an existing id per aggregate type: proposal, meeting, project, ward-budget
     * @param headerLimit the server's limit on the size of a header section, in bytes: the trailers
     *                  sent exceed it whatever it is configured to
     */
    HostileEdgeCases(List<String[]> signedIn, List<String[]> otherWard, Map<String, String> subjects,
                     int headerLimit) {
        this.headerLimit = headerLimit;
        this.signedIn = signedIn;
        this.otherWard = otherWard;
        this.subjects = subjects;
        this.routes = CommandRoutes.all(subjects.get("proposal"), subjects.get("meeting"), subjects.get("project"));
    }

    /** Every exhaustive case, class by class; those that could change a subject if executed come last. */
    List<HostileRequest> generate() {
        List<HostileRequest> all = new ArrayList<>();
        all.addAll(nonObjectBodies());
        all.addAll(foreignIds());
        all.addAll(edgeNumbers());
        all.addAll(edgeNumbersInPathsAndQueries());
        all.addAll(unicodeText());
        all.addAll(loneSurrogateEscapes());
        all.addAll(conflictingHeaders());
        all.addAll(oddMethods());
        all.addAll(encodedPaths());
        all.addAll(absurdContentLength());
        all.addAll(chunkedBodiesThatStop());
        all.addAll(oversizedTrailers());
        all.addAll(smuggledRequests());
        all.addAll(foreignIdsInBodies());
        return all;
    }

    // ---- bodies -----------------------------------------------------------------------------

    /** Nothing, null, an array, a string, a number, a boolean, an empty object: on every command route. */
    List<HostileRequest> nonObjectBodies() {
        List<HostileRequest> requests = new ArrayList<>();
        for (CommandRoutes route : routes) {
            for (String body : HostileValues.NON_OBJECT_BODIES) {
                requests.add(json("non-object body", route, route.id(), bytes(body)));
            }
            // a command without any body at all
            requests.add(new HostileRequest("non-object body", route.method(), route.path(), headers(signedIn), null,
                    false).withHeader("Content-Type", "application/json"));
        }
        return requests;
    }

    /** An existing id of every other aggregate type in place of the subject's id, on every route. */
    List<HostileRequest> foreignIds() {
        List<HostileRequest> requests = new ArrayList<>();
        for (CommandRoutes route : subjectRoutes()) {
            String own = typeOf(route);
            subjects.forEach((type, id) -> {
                if (!type.equals(own)) {
                    requests.add(json("foreign id", route, id, bytes(route.validBody())));
                }
            });
        }
        return requests;
    }

    /** Ids of the wrong aggregate type inside bodies (a project as the meeting of a referral). */
    List<HostileRequest> foreignIdsInBodies() {
        List<HostileRequest> requests = new ArrayList<>();
        for (CommandRoutes route : routes) {
            JsonNode tree = tree(route);
            for (List<String> path : paths(tree, node -> node.isTextual() && isSubjectId(node.asText()))) {
                String expected = typeOfId(at(tree, path).asText());
                subjects.forEach((type, id) -> {
                    if (!type.equals(expected)) {
                        JsonNode changed = tree.deepCopy();
                        set(changed, path, new TextNode(id));
                        requests.add(json("foreign id in body", route, route.id(), bytes(changed.toString())));
                    }
                });
            }
        }
        return requests;
    }

    /** Every numeric field of every command body at every edge of {@link HostileValues#EDGE_NUMBERS}. */
    List<HostileRequest> edgeNumbers() {
        List<HostileRequest> requests = new ArrayList<>();
        for (CommandRoutes route : routes) {
            JsonNode tree = tree(route);
            for (List<String> path : paths(tree, JsonNode::isNumber)) {
                for (String number : HostileValues.EDGE_NUMBERS) {
                    requests.add(refusedLate("edge number", route, replaced(tree, path, number)));
                }
            }
        }
        return requests;
    }

    /** Numbers at the edges where a path segment or a query parameter is a number. */
    List<HostileRequest> edgeNumbersInPathsAndQueries() {
        List<HostileRequest> requests = new ArrayList<>();
        CommandRoutes envelope = routes.stream().filter(r -> r.method().equals("PUT")).findFirst().orElseThrow();
        Map<String, List<String>> numericParameters = Map.of(
                "/api/proposals", List.of("page", "size"), "/public/proposals", List.of("page", "size"),
                "/public/meetings", List.of("fiscalYear", "page", "size"),
                "/public/projects", List.of("fiscalYear", "page", "size"), "/public/ward-budgets", List.of("fiscalYear"),
                "/public/decisions", List.of("after", "limit"), "/public/audit/proofs/inclusion", List.of("seq", "treeSize"),
                "/public/audit/proofs/consistency", List.of("from", "to"),
                "/api/proposals/" + subjects.get("proposal"), List.of("minVersion"),
                "/analytics/proposals/summary", List.of("fiscalYear"));
        for (String number : HostileValues.EDGE_NUMBERS) {
            String encoded = URLEncoder.encode(number, StandardCharsets.UTF_8);
            requests.add(new HostileRequest("edge number (path)", "PUT", "/api/ward-budgets/saiwai/" + encoded,
                    headers(signedIn), bytes(envelope.validBody()), false)
                    .withHeader("Content-Type", "application/json").withHeader("If-Match", STALE_IF_MATCH));
            requests.add(get("edge number (path)", "/public/ward-budgets/saiwai/" + encoded));
            requests.add(get("edge number (path)", "/public/audit/checkpoints/" + encoded));
            numericParameters.forEach((path, parameters) -> {
                for (String parameter : parameters) {
                    requests.add(get("edge number (query)", path + "?" + parameter + "=" + encoded));
                }
            });
        }
        return requests;
    }

    /** Every text field of every command body with each of {@link HostileValues#UNICODE_TEXT}, before or after its text. */
    List<HostileRequest> unicodeText() {
        List<HostileRequest> requests = new ArrayList<>();
        int field = 0;
        for (CommandRoutes route : routes) {
            JsonNode tree = tree(route);
            List<List<String>> texts = paths(tree, JsonNode::isTextual);
            for (List<String> path : texts) {
                String text = at(tree, path).asText();
                // each field gets every fourth value, the fields in turn starting one further, so that every
                // value meets every route and every field meets each kind of value
                for (int i = field++ % UNICODE_STRIDE; i < HostileValues.UNICODE_TEXT.size(); i += UNICODE_STRIDE) {
                    String odd = HostileValues.UNICODE_TEXT.get(i);
                    JsonNode changed = tree.deepCopy();
                    set(changed, path, new TextNode((i / UNICODE_STRIDE) % 2 == 0 ? text + odd : odd + text));
                    requests.add(refusedLate("unicode text", route, bytes(changed.toString())));
                }
            }
        }
        return requests;
    }

    /** Every text field of every command body with a JSON escape naming half a surrogate pair. */
    List<HostileRequest> loneSurrogateEscapes() {
        List<HostileRequest> requests = new ArrayList<>();
        int field = 0;
        for (CommandRoutes route : routes) {
            JsonNode tree = tree(route);
            for (List<String> path : paths(tree, JsonNode::isTextual)) {
                String text = at(tree, path).asText().replace("\\", "\\\\").replace("\"", "\\\"");
                // every other escape per field, alternating: each escape still meets every route
                for (int i = field++ % 2; i < HostileValues.LONE_SURROGATE_ESCAPES.size(); i += 2) {
                    String escape = HostileValues.LONE_SURROGATE_ESCAPES.get(i);
                    requests.add(refusedLate("lone surrogate (every field)", route,
                            replaced(tree, path, "\"" + text + escape + "\"")));
                }
            }
        }
        return requests;
    }

    // ---- headers, methods, paths ------------------------------------------------------------

    /** The same header twice, agreeing or not, on every command route. */
    List<HostileRequest> conflictingHeaders() {
        List<HostileRequest> requests = new ArrayList<>();
        for (CommandRoutes route : routes) {
            HostileRequest base = refusedLate("conflicting headers", route, bytes(route.validBody()));
            requests.add(base.withHeader("Content-Type", "text/plain"));
            requests.add(base.withHeader("Content-Type", "application/json"));
            requests.add(base.withoutHeader("Content-Type").withHeader("Content-Type", "application/json, text/plain"));
            requests.add(base.withHeader("Accept", "text/html"));
            // the same credentials twice, then another account's with a wrong password: neither may sign in
            // anyone but the request's own staff member, so the request stays refused
            String own = base.headers().stream().filter(h -> h[0].equalsIgnoreCase("Authorization"))
                    .map(h -> h[1]).findFirst().orElseThrow();
            requests.add(base.withHeader("Authorization", own));
            requests.add(base.withHeader("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString("t-admin-city:wrong".getBytes(StandardCharsets.UTF_8))));
            requests.add(base.withHeader("X-HTTP-Method-Override", "DELETE"));
            if (route.creates()) {
                // keys of their own: concurrent refused requests with one key are a case of their own (HostileInputIT)
                String key = "edge-" + java.util.UUID.nameUUIDFromBytes(route.path().getBytes(StandardCharsets.UTF_8));
                requests.add(base.withHeader("Idempotency-Key", key + "-a").withHeader("Idempotency-Key", key + "-b"));
                requests.add(base.withHeader("Idempotency-Key", key + "-c").withHeader("Idempotency-Key", key + "-c"));
                requests.add(base.withHeader("Idempotency-Key", key + "-d," + key + "-e"));
            } else {
                requests.add(base.withHeader("If-Match", "\"1000001\""));
                requests.add(base.withHeader("If-Match", "*"));
                requests.add(base.withoutHeader("If-Match").withHeader("If-Match", "\"1000000\", \"1000001\""));
            }
            byte[] body = base.body();
            String length = Integer.toString(body.length);
            requests.add(base.framedAs(body, "Content-Length", length, "Content-Length", length));
            requests.add(base.framedAs(body, "Content-Length", length, "Content-Length", length + "0").halfClosing());
            requests.add(base.framedAs(body, "Content-Length", length + ", " + length));
            requests.add(base.framedAs(chunked(body), "Content-Length", length, "Transfer-Encoding", "chunked"));
            requests.add(base.framedAs(chunked(body), "Transfer-Encoding", "chunked", "Transfer-Encoding", "chunked"));
            requests.add(base.framedAs(chunked(body), "Transfer-Encoding", "gzip, chunked"));
            requests.add(base.framedAs(body, "Transfer-Encoding", "identity", "Content-Length", length));
            requests.add(base.framedAs(chunked(body), "Transfer-Encoding", "chunked", "Transfer-Encoding", "identity")
                    .halfClosing());
            requests.add(base.framedAs(chunked(body), "Transfer-Encoding", " chunked"));
            requests.add(base.framedAs(chunked(body), "Transfer-Encoding", "Chunked"));
        }
        return requests;
    }

    /** Methods no command route takes, with a valid body: never executed. */
    List<HostileRequest> oddMethods() {
        List<HostileRequest> requests = new ArrayList<>();
        for (CommandRoutes route : routes) {
            for (String method : HostileValues.ODD_METHODS) {
                if (!method.equals(route.method())) {
                    requests.add(json("odd method", route, route.id(), bytes(route.validBody())).withMethod(method));
                }
            }
        }
        return requests;
    }

    /**
     * Every command route with encoded segments around and inside it, and with its own letters
     * %-encoded ({@code /api/%70roposals/...}, which decodes to the route itself: the stale
     * If-Match keeps that one from changing anything).
     */
    List<HostileRequest> encodedPaths() {
        List<HostileRequest> requests = new ArrayList<>();
        List<String> segments = HostileValues.ENCODED_SEGMENTS;
        int i = 0;
        int r = 0;
        for (CommandRoutes route : routes) {
            HostileRequest base = refusedLate("encoded path", route, bytes(route.validBody()));
            String path = base.target();
            // every third segment per route, the routes in turn starting one further, in five positions
            for (int k = r++ % 3; k < segments.size(); k += 3) {
                String segment = segments.get(k);
                String prefix = route.pathPrefix();
                String target = switch (i++ % 5) {
                    case 0 -> prefix + segment + "/" + (route.creates() ? "" : route.id() + route.suffix());
                    case 1 -> route.creates() ? prefix + "/" + segment : prefix + route.id() + "/" + segment + route.suffix();
                    case 2 -> path + "/" + segment;
                    case 3 -> route.creates() ? prefix + segment : prefix + route.id() + segment + route.suffix();
                    default -> "/" + segment + path;
                };
                requests.add(base.withTarget(target));
            }
            // one letter of the route, then one of the id, written as an escape
            requests.add(base.withTarget(encodeCharAt(path, 1)));
            requests.add(base.withTarget(encodeCharAt(path, 5)));
            requests.add(base.withTarget(path.replaceFirst("/", "%2F")));
            requests.add(base.withTarget(path.replace("/", "//")));
            requests.add(base.withTarget(path.replace("/api/", "/api/./")));
            requests.add(base.withTarget(path.replace("/api/", "/public/../api/")));
            requests.add(base.withTarget(path.replace("/api/", "/public/%2e%2e/api/")));
            requests.add(base.withTarget(path.replace("/api/", "/API/")));
            if (!route.creates()) {
                requests.add(base.withTarget(route.pathPrefix() + encodeCharAt(route.id(), 0) + route.suffix()));
                requests.add(base.withTarget(route.pathPrefix() + route.id().toUpperCase() + route.suffix()));
                requests.add(base.withTarget(route.pathPrefix() + route.id() + "%00" + route.suffix()));
            }
        }
        for (String publicPath : List.of("/public/proposals", "/public/decisions", "/public/meetings")) {
            requests.add(get("encoded path (query)", encodeCharAt(publicPath, 1)));
            requests.add(get("encoded path (query)", encodeCharAt(publicPath, 8)));
            requests.add(get("encoded path (query)", publicPath.replace("/public/", "/public/%2e/")));
            requests.add(get("encoded path (query)", publicPath.replace("/public/", "/api/%2e%2e/public/")));
            requests.add(get("encoded path (query)", publicPath.replace("/public/", "/%70ublic%2F")));
            for (String segment : segments) {
                requests.add(get("encoded path (query)", publicPath + "/" + segment));
            }
        }
        return requests;
    }

    // ---- framing ----------------------------------------------------------------------------

    /**
     * Content-Length headers that are negative, huge, not a number or padded, and one larger than the
     * body sent, after which the client half-closes: on the routes that create, with a valid body.
     */
    List<HostileRequest> absurdContentLength() {
        List<HostileRequest> requests = new ArrayList<>();
        for (CommandRoutes route : executableRoutes()) {
            HostileRequest base = json("absurd Content-Length", route, route.id(), bytes(route.validBody()));
            byte[] body = base.body();
            int n = body.length;
            for (String length : List.of("-1", "-" + n, "99999999999999999999", "9223372036854775807",
                    "2147483648", "abc", "1e3", "0x" + Integer.toHexString(n), "+" + n, n + ".0", n + "abc", "",
                    " " + n + " x")) {
                requests.add(base.framedAs(body, "Content-Length", length).halfClosing());
            }
            requests.add(base.framedAs(body, "Content-Length", Integer.toString(n + 1)).halfClosing());
            requests.add(base.framedAs(body, "Content-Length", Integer.toString(n + 100_000)).halfClosing());
            requests.add(base.framedAs(java.util.Arrays.copyOf(body, n / 2), "Content-Length", Integer.toString(n))
                    .halfClosing());
        }
        return requests;
    }

    /**
     * Chunked bodies that stop before their last chunk, or whose chunk-size lines are not hex sizes
     * of the data that follows: on the routes that create, with a valid body.
     */
    List<HostileRequest> chunkedBodiesThatStop() {
        List<HostileRequest> requests = new ArrayList<>();
        for (CommandRoutes route : executableRoutes()) {
            HostileRequest base = json("chunked body cut short", route, route.id(), bytes(route.validBody()));
            byte[] body = base.body();
            byte[] whole = chunked(body);
            String size = Integer.toHexString(body.length);
            requests.add(base.framedAs(java.util.Arrays.copyOf(whole, whole.length - 5), "Transfer-Encoding", "chunked")
                    .halfClosing());
            requests.add(base.framedAs(java.util.Arrays.copyOf(whole, whole.length - 7), "Transfer-Encoding", "chunked")
                    .halfClosing());
            requests.add(base.framedAs(java.util.Arrays.copyOf(whole, whole.length / 2), "Transfer-Encoding", "chunked")
                    .halfClosing());
            requests.add(base.framedAs(concat(ascii(size + "\r\n"), body), "Transfer-Encoding", "chunked").halfClosing());
            HostileRequest invalid = base.withCategory("invalid chunk size");
            // Only framing no reading of RFC 9112 (7.1) allows. Forms a server may accept (trailing
            // whitespace, upper-case hex, a bare LF as line end, a long chunk extension) are left out:
            // there the request is whole and may run.
            for (String line : List.of("zz", "-1", "+" + size, "0x" + size, "ffffffffffffffffff", "7fffffff",
                    Integer.toHexString(body.length - 1), "")) {
                requests.add(invalid.framedAs(concat(ascii(line + "\r\n"), body, ascii("\r\n0\r\n\r\n")),
                        "Transfer-Encoding", "chunked").halfClosing());
            }
            requests.add(invalid.framedAs(concat(ascii(size + "\r\n"), body, ascii("XX0\r\n\r\n")), "Transfer-Encoding",
                    "chunked").halfClosing());
        }
        return requests;
    }

    /**
     * A whole, valid chunked command whose trailer section exceeds the server's header limit (one
     * huge trailer, many small ones) or names framing headers: refused at the HTTP layer, so never
     * executed (issue 12: it was executed, then answered 431).
     */
    List<HostileRequest> oversizedTrailers() {
        List<HostileRequest> requests = new ArrayList<>();
        for (CommandRoutes route : executableRoutes()) {
            HostileRequest base = json("oversized trailer", route, route.id(), bytes(route.validBody()));
            byte[] body = base.body();
            byte[] chunks = chunked(body);
            byte[] withoutEnd = java.util.Arrays.copyOf(chunks, chunks.length - 2);
            StringBuilder many = new StringBuilder();
            for (int i = 0; many.length() < 2 * headerLimit; i++) {
                many.append("X-Trailer-").append(i).append(": ").append("t".repeat(60)).append("\r\n");
            }
            for (String trailers : List.of("X-Big: " + "b".repeat(headerLimit + 1_000) + "\r\n", many.toString(),
                    "X-Big: " + "b".repeat(2 * headerLimit) + "\r\n", "X-Big: " + "b".repeat(8 * headerLimit) + "\r\n")) {
                requests.add(base.framedAs(concat(withoutEnd, ascii(trailers + "\r\n")), "Transfer-Encoding", "chunked"));
            }
            // Framing fields in the trailer must change nothing (RFC 9110, 6.5.1); such a request may be
            // executed, so its body is one that is refused after it was read.
            HostileRequest refused = refusedLate("forbidden trailer", route, body);
            requests.add(refused.framedAs(concat(withoutEnd,
                    ascii("Content-Length: 5\r\nTransfer-Encoding: chunked\r\nHost: evil.example\r\n\r\n")),
                    "Transfer-Encoding", "chunked"));
        }
        return requests;
    }

    /**
     * Request smuggling: a request whose framing headers disagree (Content-Length and
     * Transfer-Encoding) with a whole, valid creation hidden behind its body; the first request says
     * {@code Connection: close}, so nothing after it may run (RFC 9112, 9.6).
     */
    List<HostileRequest> smuggledRequests() {
        List<HostileRequest> requests = new ArrayList<>();
        for (CommandRoutes route : routes.stream().filter(CommandRoutes::creates).toList()) {
            HostileRequest base = json("smuggled request", route, null, bytes(route.validBody()));
            byte[] hiddenBody = base.wireBytes();
            byte[] clTe = concat(ascii("0\r\n\r\n"), hiddenBody);
            requests.add(base.framedAs(clTe, "Content-Length", Integer.toString(clTe.length), "Transfer-Encoding",
                    "chunked"));
            requests.add(base.framedAs(clTe, "Transfer-Encoding", "chunked", "Content-Length", "5"));
            byte[] teCl = concat(ascii(Integer.toHexString(hiddenBody.length) + "\r\n"), hiddenBody, ascii("\r\n0\r\n\r\n"));
            requests.add(base.framedAs(teCl, "Content-Length", "4", "Transfer-Encoding", "chunked"));
            requests.add(base.framedAs(teCl, "Content-Length", "4", "Transfer-Encoding", "xchunked"));
            requests.add(base.framedAs(concat(ascii("{}"), hiddenBody), "Content-Length", "2"));
        }
        return requests;
    }

    // ---- helpers ----------------------------------------------------------------------------

    private List<CommandRoutes> subjectRoutes() {
        return routes.stream().filter(r -> !r.creates() && r.method().equals("POST")).toList();
    }

    /**
     * Routes where a valid body, if ever executed, only adds something new (a creation, a progress
     * update) and changes no subject that the rest of the corpus relies on.
     */
    private List<CommandRoutes> executableRoutes() {
        return routes.stream().filter(r -> r.creates() || r.suffix().equals("/progress-updates")).toList();
    }

    /** A request that is refused after its body was read, whatever the body is: see the class comment. */
    private HostileRequest refusedLate(String category, CommandRoutes route, byte[] body) {
        if (route.creates()) {
            return json(category, otherWard, route, null, body);
        }
        return json(category, route, route.id(), body).withHeader("If-Match", STALE_IF_MATCH);
    }

    private String typeOf(CommandRoutes route) {
        return typeOfId(route.id());
    }

    private String typeOfId(String id) {
        return subjects.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).findFirst()
                .orElseThrow();
    }

    private boolean isSubjectId(String text) {
        return subjects.containsValue(text);
    }

    private HostileRequest json(String category, CommandRoutes route, String id, byte[] body) {
        return json(category, signedIn, route, id, body);
    }

    private static HostileRequest json(String category, List<String[]> who, CommandRoutes route, String id,
                                       byte[] body) {
        List<String[]> headers = headers(who);
        headers.add(new String[] {"Content-Type", "application/json"});
        headers.add(new String[] {"Accept", "application/json"});
        return new HostileRequest(category, route.method(), route.path(id), headers, body, false);
    }

    private HostileRequest get(String category, String target) {
        return new HostileRequest(category, "GET", target, headers(target.startsWith("/api") ? signedIn : List.of()),
                null, false);
    }

    private static List<String[]> headers(List<String[]> who) {
        return new ArrayList<>(who);
    }

    /** The path with the character at {@code index} written as a %-escape. */
    private static String encodeCharAt(String path, int index) {
        return path.substring(0, index) + String.format("%%%02X", (int) path.charAt(index)) + path.substring(index + 1);
    }

    /** The body as one chunk and the last chunk, without trailers. */
    static byte[] chunked(byte[] body) {
        return concat(ascii(Integer.toHexString(body.length) + "\r\n"), body, ascii("\r\n0\r\n\r\n"));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static JsonNode tree(CommandRoutes route) {
        try {
            return JSON.readTree(route.validBody());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body with the value at {@code path} replaced by raw JSON text. */
    private static byte[] replaced(JsonNode tree, List<String> path, String rawJson) {
        String marker = "EDGE-MARKER-5c1e";
        JsonNode changed = tree.deepCopy();
        set(changed, path, new TextNode(marker));
        return bytes(changed.toString().replace("\"" + marker + "\"", rawJson));
    }
}
