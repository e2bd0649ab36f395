package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The "then" of a request: what the app answered, asserted in the words of the API — a version as
 * ETag and body, a problem with its type, a creation's id. Each check reads the body once, as
 * WebTestClient allows; {@link #json()} goes on with JSON paths.
 */
final class Answer {

    private final WebTestClient.ResponseSpec response;

    Answer(WebTestClient.ResponseSpec response) {
        this.response = response;
    }

    /** The subject at that version: 200, its ETag, and the id and version in the body. */
    void answersVersion(String id, long version) {
        response.expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"" + version + "\"")
                .expectBody().jsonPath("$.id").isEqualTo(id).jsonPath("$.version").isEqualTo((int) version);
    }

    /** Refused with that status as a problem+json of that type; the body for more checks. */
    WebTestClient.BodyContentSpec refusedWith(int status, String type) {
        return response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(type);
    }

    /**
     * The whole problem contract: that status and type, the status repeated in the body, a title, and
     * no stack trace.
     */
    WebTestClient.BodyContentSpec isProblem(int status, String type) {
        return refusedWith(status, type)
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.trace").doesNotExist();
    }

    /** A 400 naming that field first among its errors. */
    WebTestClient.BodyContentSpec invalidField(String field) {
        return status(400).json().jsonPath("$.errors[0].field").isEqualTo(field);
    }

    /** An application/problem+json answer; goes on. */
    Answer problem() {
        response.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        return this;
    }

    /** Checks the status and goes on. */
    Answer status(int status) {
        response.expectStatus().isEqualTo(status);
        return this;
    }

    Answer ok() {
        response.expectStatus().isOk();
        return this;
    }

    /** Checks a header and goes on. */
    Answer header(String name, String value) {
        response.expectHeader().valueEquals(name, value);
        return this;
    }

    /** The body as JSON, for JSON paths. */
    WebTestClient.BodyContentSpec json() {
        return response.expectBody();
    }

    /** The body as a JSON tree. */
    JsonNode tree() {
        return response.expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** A 2xx answer's body as a map (a creation's {@code id}, a registration's {@code participantId}). */
    Map<?, ?> succeeds() {
        return response.expectStatus().is2xxSuccessful().expectBody(Map.class).returnResult().getResponseBody();
    }

    /** A creation's id: 201 and the {@code id} of the body. */
    String createdId() {
        return (String) response.expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
                .get("id");
    }

    /** The body as text, whatever the status. */
    String text() {
        return text(result());
    }

    /** The whole exchange, whatever the status: for tests that collect answers before they judge them. */
    EntityExchangeResult<byte[]> result() {
        return response.expectBody().returnResult();
    }

    static String text(EntityExchangeResult<byte[]> result) {
        return result.getResponseBody() == null ? "" : new String(result.getResponseBody(), StandardCharsets.UTF_8);
    }

    /** The WebTestClient answer underneath, for what the DSL does not say. */
    WebTestClient.ResponseSpec spec() {
        return response;
    }
}
