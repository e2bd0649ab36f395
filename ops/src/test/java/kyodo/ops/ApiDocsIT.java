package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published OpenAPI document names every operation: an id of its own (verb + noun, camelCase, the
 * same on every start: generated clients call it by that name), never springdoc's {@code list_3}. And it
 * tells each operation's real answers: what the server answers to a sample of real requests (a creation,
 * an invalid body, an unknown id, a call not signed in, a stale If-Match, …) is documented for that
 * operation, every error as problem+json whose members the shared schema names.
 */
class ApiDocsIT {

    private static final String PROBLEM = "application/problem+json";

    @RegisterExtension
    static final RunningApp app = new RunningApp("--kyodo.query.max-wait=1s");
    private static JsonNode document;
    private static final Map<String, String> idsByOperation = new HashMap<>();
    private static final List<String> summaryless = new ArrayList<>();
    private static final Map<String, String> tagsByOperation = new HashMap<>();

    @BeforeAll
    static void readTheDocument() throws Exception {
        document = new ObjectMapper().readTree(app.anonymous().get("/v3/api-docs").ok().text());
        JsonNode paths = document.get("paths");
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            String operation = method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            idsByOperation.put(operation, method.getValue().path("operationId").asText(""));
            tagsByOperation.put(operation, method.getValue().path("tags").toString());
            if (method.getValue().path("summary").asText("").isBlank()) {
                summaryless.add(operation);
            }
        }));
    }

    @Test
    void everyOperationHasAnIdOfItsOwnNamedByVerbAndNoun() {
        assertThat(idsByOperation).hasSizeGreaterThan(80);
        idsByOperation.forEach((operation, id) -> assertThat(id).as(operation)
                .matches("[a-z]+[A-Z][A-Za-z]*").doesNotContain("_"));
        assertThat(idsByOperation.values()).doesNotHaveDuplicates();
    }

    @Test
    void aListOnAStaffAndAPublicPathHasOneIdOnEach() {
        for (String noun : List.of("Proposals", "Meetings", "Projects")) {
            String path = noun.toLowerCase(Locale.ROOT);
            assertThat(idsByOperation.get("GET /api/" + path)).isEqualTo("list" + noun);
            assertThat(idsByOperation.get("GET /public/" + path)).isEqualTo("listPublic" + noun);
        }
        assertThat(idsByOperation).containsEntry("POST /api/proposals/{id}/decision", "answerProposal")
                .containsEntry("GET /public/decisions", "listDecisions")
                .containsEntry("GET /api/admin/accounts", "listAccounts");
    }

    @Test
    void everyOperationHasASummaryAndATagNamedByKyodoNotByItsClass() {
        assertThat(summaryless).isEmpty();
        tagsByOperation.forEach((operation, tags) -> assertThat(tags).as(operation)
                .startsWith("[\"").doesNotContain("-controller"));
    }

    @Test
    void everyOperationDocumentsAClientErrorAndEveryErrorAsAProblem() {
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            String operation = method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            List<String> statuses = new ArrayList<>();
            method.getValue().path("responses").fieldNames().forEachRemaining(statuses::add);
            assertThat(statuses).as(operation).anyMatch(status -> status.startsWith("4"))
                    .anyMatch(status -> status.startsWith("2") || status.equals("302"));
            method.getValue().path("responses").fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    JsonNode problem = resolved(response.getValue());
                    JsonNode content = problem.path("content");
                    assertThat(content.size()).as(operation + " " + response.getKey()).isEqualTo(1);
                    assertThat(content.path(PROBLEM).path("schema").path("$ref").asText())
                            .as(operation + " " + response.getKey()).isEqualTo("#/components/schemas/Problem");
                    assertThat(problem.path("description").asText()).as(operation + " " + response.getKey())
                            .isNotBlank();
                }
            });
        }));
    }

    @Test
    void theProblemSchemaNamesWhatTheRendererWrites() {
        assertThat(problemMembers()).contains("type", "title", "status", "detail", "instance", "errors",
                "currentStatus", "offered");
        assertThat(document.at("/components/schemas/Problem/required").toString())
                .isEqualTo("[\"type\",\"title\",\"status\"]");
    }

    @Test
    void creationsAndCommandsAnswerWhatTheDocumentSays() {
        Client staff = app.staff();
        Answer created = staff.post("/api/proposals").body(Requests.proposal());
        EntityExchangeResult<byte[]> creation = answered("POST", "/api/proposals", created, 201);
        assertThat(documentedHeaders("POST", "/api/proposals", 201)).contains("Location", "ETag");
        assertThat(creation.getResponseHeaders().getLocation()).isNotNull();
        String id = staff.submitProposal();
        String ack = "/api/proposals/{id}/acknowledgement";
        answered("POST", ack, staff.post(ack, id).body(Map.of("department", "道路課")), 200);
        assertThat(documentedHeaders("POST", ack, 200)).contains("ETag");
        answered("POST", ack, staff.post(ack, id).ifMatch(0).body(Map.of("department", "道路課")), 412);
        answered("POST", ack, staff.post(ack, id).body(Map.of("department", "道路課")), 409);
        answered("POST", ack, staff.post(ack, "no-such-proposal").body(Map.of("department", "道路課")), 404);
        answered("POST", "/api/proposals", staff.post("/api/proposals").body(Map.of()), 400);
        answered("POST", "/api/proposals", staff.post("/api/proposals").contentType("text/plain").body("a proposal"), 415);
        answered("POST", "/api/proposals", staff.post("/api/proposals").body(Map.of("title", "x".repeat(70_000))), 413);
        staff.post("/api/proposals").idempotencyKey("apidocs-1").body(Requests.proposal());
        Map<String, Object> another = Requests.proposal();
        another.put("title", "別の提案");
        answered("POST", "/api/proposals", staff.post("/api/proposals").idempotencyKey("apidocs-1").body(another), 422);
        answered("POST", "/api/admin/accounts", app.as("ADMIN", null).post("/api/admin/accounts")
                .body(Map.of("username", "k-20481", "role", "STAFF")), 201);
    }

    @Test
    void refusalsAtTheEdgeAndOfReadsAnswerWhatTheDocumentSays() {
        String id = app.staff().submitProposal();
        answered("GET", "/api/proposals", app.anonymous().get("/api/proposals"), 401);
        answered("GET", "/api/proposals", app.as("ANALYST", null).get("/api/proposals"), 403);
        answered("GET", "/public/proposals/{id}", app.anonymous().get("/public/proposals/{id}", "no-such-proposal"), 404);
        answered("GET", "/public/proposals", app.anonymous().get("/public/proposals?size=-1"), 400);
        answered("GET", "/api/proposals/{id}", app.staff().get("/api/proposals/{id}?minVersion=99", id), 503);
        answered("GET", "/analytics/budgets", new Answer(app.as("ANALYST", null).http().get().uri("/analytics/budgets")
                .header("Accept", "image/png").exchange()), 406);
        String history = "/public/history/{subjectType}/{id}";
        app.awaitReadModels();
        answered("GET", history, app.anonymous().get("/public/history/proposal/{id}", id), 200);
        answered("GET", history, app.anonymous().get("/public/history/proposal/{id}?asOf=2999-01-01T00:00:00Z", id), 200);
        answered("GET", history, app.anonymous().get("/public/history/proposal/{id}?asOf=2000-01-01T00:00:00Z", id), 404);
        answered("GET", history, app.anonymous().get("/public/history/proposal/{id}?asOf=yesterday", id), 400);
        JsonNode asOf = null;
        for (JsonNode parameter : documented("GET", history).path("parameters")) {
            asOf = parameter.path("name").asText().equals("asOf") ? parameter : asOf;
        }
        assertThat(asOf).as("asOf is documented").isNotNull();
        assertThat(asOf.path("required").asBoolean(false)).as("asOf is optional").isFalse();
    }

    /**
     * Then: the server answered that status, and the document names it for that operation; an error as
     * problem+json whose every member the shared schema names.
     */
    private static EntityExchangeResult<byte[]> answered(String method, String path, Answer answer, int status) {
        EntityExchangeResult<byte[]> result = answer.result();
        String operation = method + " " + path;
        assertThat(result.getStatus().value()).as(operation + ": " + Answer.text(result)).isEqualTo(status);
        assertThat(documented(method, path).path("responses").has(String.valueOf(status)))
                .as(operation + " documents " + status).isTrue();
        if (status >= 400) {
            assertThat(result.getResponseHeaders().getContentType()).as(operation)
                    .hasToString(PROBLEM);
            JsonNode body = json(result);
            List<String> members = new ArrayList<>();
            body.fieldNames().forEachRemaining(members::add);
            assertThat(problemMembers()).as(operation + " " + body).containsAll(members);
        }
        return result;
    }

    /** A response, or the shared one of the components it refers to. */
    private static JsonNode resolved(JsonNode response) {
        String ref = response.path("$ref").asText("");
        return ref.isEmpty() ? response : document.at(ref.substring(1));
    }

    private static JsonNode json(EntityExchangeResult<byte[]> result) {
        try {
            return new ObjectMapper().readTree(result.getResponseBody());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode documented(String method, String path) {
        JsonNode operation = document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isMissingNode()).as(method + " " + path + " is documented").isFalse();
        return operation;
    }

    private static List<String> documentedHeaders(String method, String path, int status) {
        List<String> headers = new ArrayList<>();
        documented(method, path).path("responses").path(String.valueOf(status)).path("headers").fieldNames()
                .forEachRemaining(headers::add);
        return headers;
    }

    private static List<String> problemMembers() {
        List<String> members = new ArrayList<>();
        document.at("/components/schemas/Problem/properties").fieldNames().forEachRemaining(members::add);
        return members;
    }
}
