package kyodo.ops;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad input gets the documented status and a problem+json with a stable type, and changes
 * nothing: the event store holds exactly as many events after the request as before.
 */
class ErrorContractIT {

    @RegisterExtension
    static final RunningApp app = new RunningApp();
    private static final Client staff = app.staff();
    long eventsBefore;

    @BeforeEach
    void countEvents() {
        eventsBefore = app.storedEvents();
    }

    @AfterEach
    void nothingWasStored() {
        assertThat(app.storedEvents()).as("events stored by a refused request").isEqualTo(eventsBefore);
    }

    /** When: a proposal is submitted with this content type and body. */
    private static Answer submit(String contentType, Object body) {
        return staff.post("/api/proposals").contentType(contentType).body(body);
    }

    /** When: a proposal is submitted with this one thing changed. */
    private static Answer submitWith(String field, Object value) {
        Map<String, Object> body = Requests.proposal();
        body.put(field, value);
        return submit("application/json", body);
    }

    @Test
    void malformedJsonIs400MalformedRequest() {
        submit("application/json", "{\"ward\": \"saiwai\", ").isProblem(400, "/problems/malformed-request");
    }

    @Test
    void missingFieldsAre400WithEveryFieldNamed() {
        Map<String, Object> body = Requests.proposal();
        body.remove("title");
        body.remove("themes");
        submit("application/json", body).status(400).json()
                .jsonPath("$.type").isEqualTo("/problems/invalid-input")
                .jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("themes", "title"));
    }

    @Test
    void anUnknownWardIs400AndListsTheWards() {
        submitWith("ward", "osaka").invalidField("ward")
                .jsonPath("$.type").isEqualTo("/problems/invalid-input")
                .jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("saiwai"), org.hamcrest.Matchers.containsString("asao")));
    }

    @Test
    void anOverLongTitleIs400() {
        submitWith("title", "長".repeat(201)).invalidField("title")
                .jsonPath("$.type").isEqualTo("/problems/invalid-input");
    }

    @Test
    void anUnknownFieldIs400() {
        submitWith("status", "ACCEPTED").invalidField("status")
                .jsonPath("$.type").isEqualTo("/problems/invalid-input");
    }

    @Test
    void aWrongContentTypeIs415() {
        submit("text/plain", "ward=saiwai").isProblem(415, "/problems/unsupported-media-type");
    }

    @Test
    void anOversizeBodyIs413() {
        submitWith("body", "あ".repeat(70_000)).isProblem(413, "/problems/payload-too-large");
    }

    @Test
    void controlCharactersInTextAre400() {
        submitWith("title", "bell\u0007").invalidField("title");
    }

    @Test
    void anUnknownIdIs404AndAPathTraversalIs400() {
        staff.get("/api/proposals/00000000-0000-0000-0000-000000000000").isProblem(404, "/problems/not-found");
        // the security firewall refuses encoded slashes before any handler sees them
        staff.get("/public/proposals/..%2F..%2Fetc").isProblem(400, "/problems/malformed-request");
    }

    @Test
    void titlesAreJapaneseByDefaultAndEnglishOnRequest() {
        submit("text/plain", "x").json().jsonPath("$.title").isEqualTo("この形式のリクエストは受け付けられません");
        staff.post("/api/proposals").contentType("text/plain").language("en-GB,en;q=0.8").body("x")
                .json().jsonPath("$.title").isEqualTo("Unsupported content type");
    }
}
