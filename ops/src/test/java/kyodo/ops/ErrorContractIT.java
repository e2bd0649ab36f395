package kyodo.ops;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad input gets the documented status and a problem+json with a stable type, and changes
 * nothing: the event store holds exactly as many events after the request as before.
 */
class ErrorContractIT {

    @TempDir
    static Path dataDir;
    static KyodoTestApp app;
    long eventsBefore;

    @BeforeAll
    static void start() {
        app = KyodoTestApp.start(dataDir);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void countEvents() {
        eventsBefore = app.storedEvents();
    }

    @AfterEach
    void nothingWasStored() {
        assertThat(app.storedEvents()).as("events stored by a refused request").isEqualTo(eventsBefore);
    }

    private WebTestClient.ResponseSpec post(String contentType, Object body) {
        return app.http().post().uri("/api/proposals").header("Content-Type", contentType)
                .bodyValue(body).exchange();
    }

    private static void isProblem(WebTestClient.ResponseSpec response, int status, String type) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(type)
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void malformedJsonIs400MalformedRequest() {
        isProblem(post("application/json", "{\"ward\": \"saiwai\", "), 400, "/problems/malformed-request");
    }

    @Test
    void missingFieldsAre400WithEveryFieldNamed() {
        Map<String, Object> body = Requests.proposal();
        body.remove("title");
        body.remove("themes");
        post("application/json", body).expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/invalid-input")
                .jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("themes", "title"));
    }

    @Test
    void anUnknownWardIs400AndListsTheWards() {
        Map<String, Object> body = Requests.proposal();
        body.put("ward", "osaka");
        post("application/json", body).expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/invalid-input")
                .jsonPath("$.errors[0].field").isEqualTo("ward")
                .jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("saiwai"), org.hamcrest.Matchers.containsString("asao")));
    }

    @Test
    void anOverLongTitleIs400() {
        Map<String, Object> body = Requests.proposal();
        body.put("title", "長".repeat(201));
        post("application/json", body).expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/invalid-input")
                .jsonPath("$.errors[0].field").isEqualTo("title");
    }

    @Test
    void anUnknownFieldIs400() {
        Map<String, Object> body = Requests.proposal();
        body.put("status", "ACCEPTED");
        post("application/json", body).expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/invalid-input")
                .jsonPath("$.errors[0].field").isEqualTo("status");
    }

    @Test
    void aWrongContentTypeIs415() {
        isProblem(post("text/plain", "ward=saiwai"), 415, "/problems/unsupported-media-type");
    }

    @Test
    void anOversizeBodyIs413() {
        Map<String, Object> body = Requests.proposal();
        body.put("body", "あ".repeat(70_000));
        isProblem(post("application/json", body), 413, "/problems/payload-too-large");
    }

    @Test
    void controlCharactersInTextAre400() {
        Map<String, Object> body = Requests.proposal();
        body.put("title", "bell\u0007");
        post("application/json", body).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("title");
    }

    @Test
    void anUnknownIdIs404AndAPathTraversalIs400() {
        isProblem(app.http().get().uri("/api/proposals/00000000-0000-0000-0000-000000000000").exchange(),
                404, "/problems/not-found");
        // the security firewall refuses encoded slashes before any handler sees them
        isProblem(app.http().get().uri("/public/proposals/..%2F..%2Fetc").exchange(), 400,
                "/problems/malformed-request");
    }

    @Test
    void titlesAreJapaneseByDefaultAndEnglishOnRequest() {
        app.http().post().uri("/api/proposals").contentType(MediaType.TEXT_PLAIN).bodyValue("x").exchange()
                .expectBody().jsonPath("$.title").isEqualTo("この形式のリクエストは受け付けられません");
        app.http().post().uri("/api/proposals").contentType(MediaType.TEXT_PLAIN)
                .header("Accept-Language", "en-GB,en;q=0.8").bodyValue("x").exchange()
                .expectBody().jsonPath("$.title").isEqualTo("Unsupported content type");
    }
}
