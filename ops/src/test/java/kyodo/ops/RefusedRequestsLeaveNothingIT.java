package kyodo.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

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

    @RegisterExtension
    static final RunningApp app = new RunningApp();
    private static final Client staff = app.staff();
    private static final Client saiwaiStaff = app.as("STAFF", "saiwai");
    private static final Client nakaharaStaff = app.as("STAFF", "nakahara");

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

    /** A workshop in saiwai with that many places. */
    private static Map<String, Object> workshop(int capacity) {
        Map<String, Object> body = Requests.meeting(capacity);
        body.put("kind", "WORKSHOP");
        body.put("title", "駐輪場ワークショップ");
        body.put("venue", "幸区役所");
        body.put("themes", List.of("交通"));
        body.remove("term");
        body.remove("session");
        return body;
    }

    private static final Map<String, Object> REGISTRATION = Requests.registration("会議 参加者", "幸区町内会連合会");

    /** Given: a proposal, a meeting and a project, by their routes' prefixes. */
    private static Map<String, String> oneOfEachSubject() {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("/api/proposals/", staff.submitProposal());
        ids.put("/api/meetings/", staff.scheduleMeeting(workshop(30)));
        ids.put("/api/projects/", staff.created("/api/projects", Map.of("ward", "saiwai", "fiscalYear", 2025,
                "title", "駐輪場の拡張", "theme", "交通", "programme", "WARD_LOCAL_ISSUE",
                "leadDepartment", "地域振興課")));
        return ids;
    }

    @Test
    void aReplayedSubmissionAnswersTheFirstResultAndSealsNothing() {
        String first = saiwaiStaff.post("/api/proposals").idempotencyKey("replay-1").body(Requests.proposal())
                .createdId();
        long keys = vaultKeys();
        long events = app.storedEvents();

        for (int i = 0; i < 5; i++) {
            saiwaiStaff.post("/api/proposals").idempotencyKey("replay-1").body(Requests.proposal())
                    .status(201).header("Location", "/api/proposals/" + first)
                    .json().jsonPath("$.id").isEqualTo(first).jsonPath("$.version").isEqualTo(0);
        }

        assertThat(vaultKeys()).as("keys sealed by replays").isEqualTo(keys);
        assertThat(app.storedEvents()).isEqualTo(events);
    }

    @Test
    void aRegistrationTheMeetingRefusesLeavesNoKey() {
        String full = saiwaiStaff.scheduleMeeting(workshop(1));
        register(saiwaiStaff, full).succeeds();
        String stale = saiwaiStaff.scheduleMeeting(workshop(10));
        register(saiwaiStaff, stale).succeeds();
        String closed = saiwaiStaff.scheduleMeeting(workshop(10));
        saiwaiStaff.post("/api/meetings/{id}/opening", closed).body(Map.of("attendance", 5)).succeeds();
        saiwaiStaff.post("/api/meetings/{id}/closing", closed).body(Map.of("attendance", 5)).succeeds();
        String cancelled = saiwaiStaff.scheduleMeeting(workshop(10));
        saiwaiStaff.post("/api/meetings/{id}/cancellation", cancelled).body(Map.of("reason", "台風のため")).succeeds();
        String proposal = saiwaiStaff.submitProposal();
        long keys = vaultKeys();
        long events = app.storedEvents();

        Map<String, Integer> refusals = new LinkedHashMap<>();
        refusals.put(full, 409);
        refusals.put(closed, 409);
        refusals.put(cancelled, 409);
        refusals.put(proposal, 404);
        refusals.put("00000000-0000-0000-0000-000000000000", 404);
        refusals.forEach((meetingId, status) -> assertThat(register(saiwaiStaff, meetingId).result().getStatus().value())
                .as("registration for " + meetingId).isEqualTo(status));
        assertThat(saiwaiStaff.post("/api/meetings/{id}/registrations", stale).ifMatch(0).body(REGISTRATION)
                .result().getStatus().value()).as("stale If-Match").isEqualTo(412);
        assertThat(register(nakaharaStaff, stale).result().getStatus().value()).as("another ward's staff")
                .isEqualTo(403);

        assertThat(vaultKeys()).as("keys left by refused registrations").isEqualTo(keys);
        assertThat(app.storedEvents()).isEqualTo(events);
        saiwaiStaff.post("/api/meetings/{id}/registrations", stale).ifMatch(1).body(REGISTRATION).succeeds();
        assertThat(vaultKeys()).as("an accepted registration seals one key").isEqualTo(keys + 1);
    }

    private static Answer register(Client who, String meeting) {
        return who.post("/api/meetings/{id}/registrations", meeting).body(REGISTRATION);
    }

    @Test
    void anIdOfAnotherKindOfSubjectIs404OnEveryCommandRouteAndChangesNothing() {
        Map<String, String> ownerOf = oneOfEachSubject();
        long keys = vaultKeys();
        long events = app.storedEvents();

        List<String> wrong = new ArrayList<>();
        int tried = 0;
        for (CommandRoutes route : CommandRoutes.all(ownerOf.get("/api/proposals/"), ownerOf.get("/api/meetings/"),
                ownerOf.get("/api/projects/"))) {
            if (route.creates() || !ownerOf.containsKey(route.pathPrefix())) {
                continue; // creations name no id; a ward budget's id is its ward and year, not an aggregate's
            }
            // allocations are the ward head's; everything else an ADMIN may send
            Client sender = route.suffix().equals("/budget-allocations") ? app.as("WARD_HEAD", "saiwai")
                    : app.as("ADMIN", null);
            for (String foreign : ownerOf.values()) {
                if (foreign.equals(ownerOf.get(route.pathPrefix()))) {
                    continue;
                }
                tried++;
                EntityExchangeResult<byte[]> answer = sender.method(HttpMethod.valueOf(route.method()),
                        route.path(foreign)).body(route.validBody()).result();
                if (answer.getStatus().value() != 404 || !Answer.text(answer).contains("/problems/not-found")) {
                    wrong.add(route.method() + " " + route.path(foreign) + " -> " + answer.getStatus() + " "
                            + Answer.text(answer));
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
        Map<String, String> ids = oneOfEachSubject();
        Client admin = app.as("ADMIN", null);

        List<String> leaks = new ArrayList<>();
        int answers = 0;
        for (CommandRoutes route : CommandRoutes.all(ids.get("/api/proposals/"), ids.get("/api/meetings/"),
                ids.get("/api/projects/"))) {
            for (String body : List.of("", "null", "[]", "\"x\"", "1", "{}")) {
                for (String language : List.of("ja", "en")) {
                    Client sender = route.pathPrefix().startsWith("/api/ward-budgets") ? admin : staff;
                    EntityExchangeResult<byte[]> answer = sender.method(HttpMethod.valueOf(route.method()),
                            route.path()).language(language).body(body).result();
                    answers++;
                    String text = Answer.text(answer);
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
        Map<String, Object> saiwaiProposal = Requests.proposal();
        Map<String, Object> nakaharaProposal = Requests.proposal();
        nakaharaProposal.put("ward", "nakahara");

        String first = (String) saiwaiStaff.post("/api/proposals").idempotencyKey("shared-key").body(saiwaiProposal)
                .succeeds().get("id");
        // another ward's staff with the same key: no 422, no hint of the first; a creation of their own
        String theirs = (String) nakaharaStaff.post("/api/proposals").idempotencyKey("shared-key")
                .body(nakaharaProposal).succeeds().get("id");
        assertThat(theirs).isNotEqualTo(first);
        // their key again with the first account's body: 422 for their own earlier use, nothing of the first
        EntityExchangeResult<byte[]> probe = nakaharaStaff.post("/api/proposals").idempotencyKey("shared-key")
                .body(saiwaiProposal).result();
        assertThat(probe.getStatus().value()).isEqualTo(422);
        assertThat(Answer.text(probe)).contains("/problems/idempotency-key-reused").doesNotContain(first);
        // the same account replaying gets its first answer
        assertThat(saiwaiStaff.post("/api/proposals").idempotencyKey("shared-key").body(saiwaiProposal)
                .succeeds().get("id")).isEqualTo(first);
        // the same key on another route is another key
        String meeting = (String) saiwaiStaff.post("/api/meetings").idempotencyKey("shared-key").body(workshop(10))
                .succeeds().get("id");
        assertThat(meeting).isNotEqualTo(first).isNotEqualTo(theirs);
    }
}
