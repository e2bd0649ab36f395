package kyodo.ops;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing from a refused or replayed request, over HTTP against the running application: a replay
 * answers the first result and seals nothing (the key vault keeps its row count), a registration the
 * meeting refuses leaves no key, an id of another kind of subject is a 404 on every command route,
 * no problem detail names a Java class or method, and an Idempotency-Key belongs to one account and
 * one route.
 */
class RefusedRequestsLeaveNothingIT {

    /** What a Java name in a detail looks like: packages, nested classes, methods, quoted class names. */
    private static final Pattern JAVA_NAME = Pattern.compile(
            "kyodo\\.|java\\.|javax\\.|jakarta\\.|com\\.fasterxml|org\\.|reactor\\.|\\$|\\(\\)|`");

    @TempDir
    static Path dataDir;
    static KyodoTestApp app;

    @BeforeAll
    static void start() {
        app = KyodoTestApp.start(dataDir);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Rows in the personal-data key vault: one per key ever made, erased ones included. */
    private static long vaultKeys() {
        Environment env = app.context().getEnvironment();
        try (Connection c = DriverManager.getConnection(env.getProperty("kyodo.vault.url"),
                env.getProperty("kyodo.vault.username", "kyodo"), env.getProperty("kyodo.vault.password", ""));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kyodo_person_key")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the vault's keys", e);
        }
    }

    private static EntityExchangeResult<byte[]> send(WebTestClient client, HttpMethod method, String path,
                                                     Object body, String... headers) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(path)
                .contentType(MediaType.APPLICATION_JSON);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.bodyValue(body).exchange().expectBody().returnResult();
    }

    private static Map<?, ?> created(WebTestClient client, String path, Object body, String... headers) {
        WebTestClient.RequestBodySpec request = client.post().uri(path).contentType(MediaType.APPLICATION_JSON);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.bodyValue(body).exchange().expectStatus().is2xxSuccessful()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private static String text(EntityExchangeResult<byte[]> answer) {
        return answer.getResponseBody() == null ? "" : new String(answer.getResponseBody(), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> meeting(int capacity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "WORKSHOP");
        body.put("ward", "saiwai");
        body.put("title", "駐輪場ワークショップ");
        body.put("startsAt", "2025-09-19T13:00:00+09:00");
        body.put("endsAt", "2025-09-19T16:30:00+09:00");
        body.put("venue", "幸区役所");
        body.put("capacity", capacity);
        body.put("publicObservation", true);
        body.put("themes", List.of("交通"));
        return body;
    }

    private static final Map<String, Object> REGISTRATION = Map.of("participant",
            Map.of("name", "会議 参加者", "affiliation", "幸区町内会連合会", "nominatedBy", "幸区町内会連合会"));

    @Test
    void aReplayedSubmissionAnswersTheFirstResultAndSealsNothing() {
        WebTestClient staff = app.as("STAFF", "saiwai");
        Map<?, ?> first = created(staff, "/api/proposals", Requests.proposal(), "Idempotency-Key", "replay-1");
        long keys = vaultKeys();
        long events = app.storedEvents();

        for (int i = 0; i < 5; i++) {
            staff.post().uri("/api/proposals").contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", "replay-1").bodyValue(Requests.proposal()).exchange()
                    .expectStatus().isCreated()
                    .expectHeader().valueEquals("Location", "/api/proposals/" + first.get("id"))
                    .expectBody().jsonPath("$.id").isEqualTo(first.get("id")).jsonPath("$.version").isEqualTo(0);
        }

        assertThat(vaultKeys()).as("keys sealed by replays").isEqualTo(keys);
        assertThat(app.storedEvents()).isEqualTo(events);
    }

    @Test
    void aRegistrationTheMeetingRefusesLeavesNoKey() {
        WebTestClient staff = app.as("STAFF", "saiwai");
        String full = (String) created(staff, "/api/meetings", meeting(1)).get("id");
        created(staff, "/api/meetings/" + full + "/registrations", REGISTRATION);
        String stale = (String) created(staff, "/api/meetings", meeting(10)).get("id");
        created(staff, "/api/meetings/" + stale + "/registrations", REGISTRATION);
        String closed = (String) created(staff, "/api/meetings", meeting(10)).get("id");
        created(staff, "/api/meetings/" + closed + "/opening", Map.of("attendance", 5));
        created(staff, "/api/meetings/" + closed + "/closing", Map.of("attendance", 5));
        String cancelled = (String) created(staff, "/api/meetings", meeting(10)).get("id");
        created(staff, "/api/meetings/" + cancelled + "/cancellation", Map.of("reason", "台風のため"));
        String proposal = (String) created(staff, "/api/proposals", Requests.proposal()).get("id");
        long keys = vaultKeys();
        long events = app.storedEvents();

        Map<String, Integer> refusals = new LinkedHashMap<>();
        refusals.put(full, 409);
        refusals.put(closed, 409);
        refusals.put(cancelled, 409);
        refusals.put(proposal, 404);
        refusals.put("00000000-0000-0000-0000-000000000000", 404);
        refusals.forEach((meetingId, status) -> assertThat(send(staff, HttpMethod.POST,
                "/api/meetings/" + meetingId + "/registrations", REGISTRATION).getStatus().value())
                .as("registration for " + meetingId).isEqualTo(status));
        assertThat(send(staff, HttpMethod.POST, "/api/meetings/" + stale + "/registrations", REGISTRATION,
                "If-Match", "\"0\"").getStatus().value()).as("stale If-Match").isEqualTo(412);
        assertThat(send(app.as("STAFF", "nakahara"), HttpMethod.POST, "/api/meetings/" + stale + "/registrations",
                REGISTRATION).getStatus().value()).as("another ward's staff").isEqualTo(403);

        assertThat(vaultKeys()).as("keys left by refused registrations").isEqualTo(keys);
        assertThat(app.storedEvents()).isEqualTo(events);
        created(staff, "/api/meetings/" + stale + "/registrations", REGISTRATION, "If-Match", "\"1\"");
        assertThat(vaultKeys()).as("an accepted registration seals one key").isEqualTo(keys + 1);
    }

    @Test
    void anIdOfAnotherKindOfSubjectIs404OnEveryCommandRouteAndChangesNothing() {
        WebTestClient staff = app.http();
        String proposal = (String) created(staff, "/api/proposals", Requests.proposal()).get("id");
        String meeting = (String) created(staff, "/api/meetings", meeting(30)).get("id");
        String project = (String) created(staff, "/api/projects", Map.of("ward", "saiwai", "fiscalYear", 2025,
                "title", "駐輪場の拡張", "theme", "交通", "programme", "WARD_LOCAL_ISSUE",
                "leadDepartment", "地域振興課")).get("id");
        Map<String, String> ownerOf = Map.of("/api/proposals/", proposal, "/api/meetings/", meeting,
                "/api/projects/", project);
        long keys = vaultKeys();
        long events = app.storedEvents();

        List<String> wrong = new ArrayList<>();
        int tried = 0;
        for (CommandRoutes route : CommandRoutes.all(proposal, meeting, project)) {
            if (route.creates() || !ownerOf.containsKey(route.pathPrefix())) {
                continue; // creations name no id; a ward budget's id is its ward and year, not an aggregate's
            }
            // allocations are the ward head's; everything else an ADMIN may send
            WebTestClient sender = route.suffix().equals("/budget-allocations") ? app.as("WARD_HEAD", "saiwai")
                    : app.as("ADMIN", null);
            for (String foreign : ownerOf.values()) {
                if (foreign.equals(ownerOf.get(route.pathPrefix()))) {
                    continue;
                }
                tried++;
                EntityExchangeResult<byte[]> answer = send(sender, HttpMethod.valueOf(route.method()),
                        route.path(foreign), route.validBody());
                if (answer.getStatus().value() != 404 || !text(answer).contains("/problems/not-found")) {
                    wrong.add(route.method() + " " + route.path(foreign) + " -> " + answer.getStatus() + " "
                            + text(answer));
                }
            }
        }

        assertThat(tried).as("routes tried with foreign ids").isGreaterThanOrEqualTo(2 * 25);
        assertThat(wrong).isEmpty();
        assertThat(app.storedEvents()).as("events stored by refused commands").isEqualTo(events);
        assertThat(vaultKeys()).as("keys sealed for refused commands").isEqualTo(keys);
    }

    @Test
    void noProblemDetailNamesAJavaClassOrMethod() {
        WebTestClient staff = app.http();
        String proposal = (String) created(staff, "/api/proposals", Requests.proposal()).get("id");
        String meeting = (String) created(staff, "/api/meetings", meeting(30)).get("id");
        String project = (String) created(staff, "/api/projects", Map.of("ward", "saiwai", "fiscalYear", 2025,
                "title", "駐輪場の拡張", "theme", "交通", "programme", "WARD_LOCAL_ISSUE",
                "leadDepartment", "地域振興課")).get("id");
        WebTestClient admin = app.as("ADMIN", null);

        List<String> leaks = new ArrayList<>();
        int answers = 0;
        for (CommandRoutes route : CommandRoutes.all(proposal, meeting, project)) {
            for (String body : List.of("", "null", "[]", "\"x\"", "1", "{}")) {
                for (String language : List.of("ja", "en")) {
                    EntityExchangeResult<byte[]> answer = send(route.pathPrefix().startsWith("/api/ward-budgets")
                                    ? admin : staff, HttpMethod.valueOf(route.method()), route.path(), body,
                            "Accept-Language", language);
                    answers++;
                    String text = text(answer);
                    if (answer.getStatus().is5xxServerError()) {
                        leaks.add(route.path() + " " + body + " -> " + answer.getStatus());
                    }
                    if (!answer.getStatus().is2xxSuccessful()) {
                        assertThat(answer.getResponseHeaders().getContentType())
                                .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                        String detail = text.replaceAll("\"(type|instance)\":\"[^\"]*\"", "");
                        if (JAVA_NAME.matcher(detail).find()) {
                            leaks.add(route.path() + " " + body + " (" + language + ") -> " + text);
                        }
                    }
                }
            }
        }

        assertThat(answers).as("answers read").isGreaterThanOrEqualTo(30 * 6 * 2);
        assertThat(leaks).isEmpty();
    }

    @Test
    void anIdempotencyKeyBelongsToOneAccountAndOneRoute() {
        WebTestClient saiwai = app.as("STAFF", "saiwai");
        WebTestClient nakahara = app.as("STAFF", "nakahara");
        Map<String, Object> saiwaiProposal = Requests.proposal();
        Map<String, Object> nakaharaProposal = Requests.proposal();
        nakaharaProposal.put("ward", "nakahara");

        String first = (String) created(saiwai, "/api/proposals", saiwaiProposal, "Idempotency-Key", "shared-key")
                .get("id");
        // another ward's staff with the same key: no 422, no hint of the first; a creation of their own
        String theirs = (String) created(nakahara, "/api/proposals", nakaharaProposal, "Idempotency-Key",
                "shared-key").get("id");
        assertThat(theirs).isNotEqualTo(first);
        // their key again with the first account's body: 422 for their own earlier use, nothing of the first
        EntityExchangeResult<byte[]> probe = send(nakahara, HttpMethod.POST, "/api/proposals", saiwaiProposal,
                "Idempotency-Key", "shared-key");
        assertThat(probe.getStatus().value()).isEqualTo(422);
        assertThat(text(probe)).contains("/problems/idempotency-key-reused").doesNotContain(first);
        // the same account replaying gets its first answer
        assertThat(created(saiwai, "/api/proposals", saiwaiProposal, "Idempotency-Key", "shared-key").get("id"))
                .isEqualTo(first);
        // the same key on another route is another key
        String meeting = (String) created(saiwai, "/api/meetings", meeting(10), "Idempotency-Key", "shared-key")
                .get("id");
        assertThat(meeting).isNotEqualTo(first).isNotEqualTo(theirs);
    }
}
