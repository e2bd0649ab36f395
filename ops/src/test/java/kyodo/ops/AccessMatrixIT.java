package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static kyodo.ops.AccessMatrixIT.Who.ADMIN;
import static kyodo.ops.AccessMatrixIT.Who.ANALYST;
import static kyodo.ops.AccessMatrixIT.Who.ANONYMOUS;
import static kyodo.ops.AccessMatrixIT.Who.HEAD_NAKAHARA;
import static kyodo.ops.AccessMatrixIT.Who.HEAD_SAIWAI;
import static kyodo.ops.AccessMatrixIT.Who.STAFF_CITY;
import static kyodo.ops.AccessMatrixIT.Who.STAFF_NAKAHARA;
import static kyodo.ops.AccessMatrixIT.Who.STAFF_SAIWAI;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role × ward matrix of issue 8, against the running app: every command endpoint, fired by
 * whoever must not send it and then by whoever may.
 *
 * <p>It walks the real life of 中原区 (nakahara) subjects: two proposals and a referral, a meeting
 * from scheduling to feedback and one cancelled, a ward budget, a project from launch through
 * money to completion and one terminated, a city-wide project, the erasure of a proposer's data and
 * the administration of an account. Before each step it sends the very same request as nobody
 * (401), an ANALYST (403), a 幸区 (saiwai) STAFF member (403, wrong ward) and, where the role
 * matters, the wrong role (403), checking the problem type and that nothing changed: neither the
 * event store nor the subject's version. Then the right actor sends it conditionally on the version
 * the subject had before the refusals (If-Match), so a refusal that slipped in a change would also
 * break the step itself.
 *
 * <p>Around the walk: a replayed Idempotency-Key on a creation is checked like a fresh request,
 * bent spellings of the admin URL never reach account administration, and nobody and analysts are
 * refused every staff read under {@code /api/}.
 *
 * <p>The last test compares the endpoints tried with every POST/PUT/PATCH/DELETE mapping under
 * {@code /api/} in the running context: a new command endpoint without a row fails the build.
 * The matrix is printed and written to {@code target/access-matrix.md}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessMatrixIT {

    /** The actors of the matrix: every test account that matters, and nobody. */
    enum Who {
        ANONYMOUS("anonymous", null, null),
        ANALYST("ANALYST", "ANALYST", null),
        STAFF_SAIWAI("STAFF saiwai", "STAFF", "saiwai"),
        HEAD_SAIWAI("WARD_HEAD saiwai", "WARD_HEAD", "saiwai"),
        STAFF_NAKAHARA("STAFF nakahara", "STAFF", "nakahara"),
        HEAD_NAKAHARA("WARD_HEAD nakahara", "WARD_HEAD", "nakahara"),
        STAFF_CITY("STAFF city-wide", "STAFF", null),
        ADMIN("ADMIN", "ADMIN", null);

        final String label;
        final String role;
        final String ward;

        Who(String label, String role, String ward) {
            this.label = label;
            this.role = role;
            this.ward = ward;
        }

        Client client() {
            return role == null ? app.anonymous() : app.as(role, ward);
        }
    }

    /** Outsiders to any 中原区 subject: nobody, an analyst, staff of another ward. */
    private static final Who[] OUTSIDERS = {ANONYMOUS, ANALYST, STAFF_SAIWAI};
    /** Everyone signed in who is not an ADMIN, and nobody. */
    private static final Who[] NOT_ADMIN = {ANONYMOUS, ANALYST, STAFF_NAKAHARA, HEAD_NAKAHARA, STAFF_CITY,
            STAFF_SAIWAI};

    private static final String WARD = "nakahara";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningApp app = new RunningApp();
    static final AccessMatrix matrix = new AccessMatrix(Arrays.stream(Who.values()).map(w -> w.label).toList());
    /** The command endpoints ({@code METHOD /path/{template}}) that got a row. */
    static final Set<String> covered = new TreeSet<>();
    /** The last version each subject answered, for If-Match. */
    static final Map<String, Long> versions = new HashMap<>();

    @AfterAll
    static void stop() throws IOException {
        String table = matrix.render();
        System.out.println("\nRole × ward access matrix\n" + table);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("access-matrix.md"), table, StandardCharsets.UTF_8);
        }
    }

    @Test
    @Order(1)
    void proposalCommands() {
        String a = id(row(post("/api/proposals", null, proposal()), STAFF_NAKAHARA, with(OUTSIDERS, HEAD_SAIWAI)));
        row(post("/api/proposals/{id}/acknowledgement", a, Map.of("department", "中原区役所 地域振興課")),
                STAFF_NAKAHARA, OUTSIDERS);
        row(post("/api/proposals/{id}/progress-updates", a, Map.of("text", "現地を確認しました")),
                HEAD_NAKAHARA, with(OUTSIDERS, HEAD_SAIWAI));
        row(post("/api/proposals/{id}/revision-requests", a, Map.of("reason", "場所を具体的に書いてください")),
                STAFF_NAKAHARA, OUTSIDERS);
        row(post("/api/proposals/{id}/revisions", a, Map.of("body", "武蔵小杉駅北口の駐輪場です")),
                STAFF_NAKAHARA, OUTSIDERS);
        row(post("/api/proposals/{id}/withdrawal", a, Map.of("reason", "町内会で解決しました")),
                STAFF_NAKAHARA, OUTSIDERS);

        String b = acknowledgedProposal();
        row(post("/api/proposals/{id}/decision", b, Map.of("outcome", "ACCEPTED", "reason", "駐輪場を拡張します")),
                STAFF_NAKAHARA, with(OUTSIDERS, HEAD_SAIWAI));

        String c = acknowledgedProposal();
        String meeting = setUp(STAFF_NAKAHARA, "/api/meetings", meeting());
        row(post("/api/proposals/{id}/referral", c, Map.of("meetingId", meeting, "reason", "区民会議で審議")),
                STAFF_NAKAHARA, OUTSIDERS);
        // withdrawing a referral is for whoever may answer the proposal
        row(post("/api/proposals/{id}/referral-withdrawal", c, Map.of("reason", "会議が延期されたため")),
                HEAD_NAKAHARA, with(OUTSIDERS, HEAD_SAIWAI));
    }

    @Test
    @Order(2)
    void meetingCommands() {
        String m = id(row(post("/api/meetings", null, meeting()), STAFF_NAKAHARA, with(OUTSIDERS, HEAD_SAIWAI)));
        String base = "/api/meetings/{id}";
        row(post(base + "/agenda", m, Map.of("items", List.of(Map.of("title", "駐輪場について", "lead", "座長",
                "discussionPoints", List.of("必要な台数"), "preparation", List.of("現地調査"))))), STAFF_NAKAHARA, OUTSIDERS);
        row(post(base + "/rescheduling", m, Map.of("startsAt", "2025-09-26T13:00:00+09:00",
                "endsAt", "2025-09-26T16:30:00+09:00", "reason", "会場の都合")), STAFF_NAKAHARA, OUTSIDERS);
        Object registrant = row(post(base + "/registrations", m, Map.of("participant", Map.of("name", "会議 参加者",
                "affiliation", "中原区町内会連合会", "nominatedBy", "中原区町内会連合会"))), STAFF_NAKAHARA, OUTSIDERS)
                .get("participantId");
        row(post(base + "/opening", m, Map.of("attendance", 20)), STAFF_NAKAHARA, OUTSIDERS);
        row(post(base + "/attendance", m, Map.of("marks", List.of(Map.of("registrantId", registrant,
                "status", "PRESENT")))), STAFF_NAKAHARA, OUTSIDERS);
        row(post(base + "/groups", m, Map.of("number", 1, "theme", "交通")), STAFF_NAKAHARA, OUTSIDERS);
        row(post(base + "/opinions", m, Map.of("group", 1, "theme", "交通", "text", "駐輪場は必要",
                "related", List.of("朝が特に混む"))), STAFF_NAKAHARA, OUTSIDERS);
        row(post(base + "/resolutions", m, Map.of("motion", "駐輪場の増設を求める", "votesFor", 15,
                "votesAgainst", 3, "abstentions", 1)), STAFF_NAKAHARA, with(OUTSIDERS, HEAD_SAIWAI));
        row(post(base + "/closing", m, Map.of("attendance", 19)), STAFF_NAKAHARA, OUTSIDERS);
        row(post(base + "/minutes", m, Map.of("text", "駐輪場の増設を求める決議を採択した。")), HEAD_NAKAHARA, OUTSIDERS);
        row(post(base + "/feedback", m, Map.of("group", "中原区町内会連合会", "text", "審議結果を報告した。")),
                STAFF_CITY, OUTSIDERS);

        String cancelled = setUp(STAFF_NAKAHARA, "/api/meetings", meeting());
        row(post(base + "/cancellation", cancelled, Map.of("reason", "台風のため")), STAFF_NAKAHARA, OUTSIDERS);
    }

    @Test
    @Order(3)
    void projectAndBudgetCommands() {
        row(new Command(HttpMethod.PUT, "/api/ward-budgets/{ward}/{fiscalYear}", WARD + "-2025",
                        Map.of("envelopeYen", 50_000_000, "reason", "当初予算"), List.of(WARD, 2025), ""),
                ADMIN, with(OUTSIDERS, STAFF_NAKAHARA, HEAD_NAKAHARA, STAFF_CITY));

        String p = id(row(post("/api/projects", null, project(WARD)), STAFF_NAKAHARA, with(OUTSIDERS, HEAD_SAIWAI)));
        String base = "/api/projects/{id}";
        String partner = (String) row(post(base + "/partners", p, Map.of("name", "株式会社 例", "type", "COMPANY",
                "role", "用地提供")), STAFF_NAKAHARA, OUTSIDERS).get("partnerId");
        String other = (String) setUp(STAFF_NAKAHARA, "/api/projects/" + p + "/partners", Map.of("name",
                "駅前をよくする会", "type", "CITIZEN_GROUP", "role", "利用者調査"), "partnerId");
        row(post(base + "/agreements", p, Map.of("title", "駐輪場拡張に関する覚書", "partyIds", List.of(partner, other),
                "signedOn", "2025-05-10")), STAFF_NAKAHARA, OUTSIDERS);
        // a ward project is approved by the head of its ward: not staff, not another ward's head, not an ADMIN
        row(post(base + "/approval", p, Map.of("reason", "地域課題として優先")), HEAD_NAKAHARA,
                with(OUTSIDERS, STAFF_NAKAHARA, HEAD_SAIWAI, STAFF_CITY, ADMIN));
        // money is the ward head's decision alone
        row(post(base + "/budget-allocations", p, Map.of("amountYen", 10_000_000, "reason", "整備費")), HEAD_NAKAHARA,
                with(OUTSIDERS, STAFF_NAKAHARA, HEAD_SAIWAI, STAFF_CITY, ADMIN));
        row(post(base + "/expenditures", p, Map.of("amountYen", 4_000_000, "description", "ラック設置",
                "spentOn", "2025-08-01")), STAFF_NAKAHARA, OUTSIDERS);
        row(post(base + "/targets", p, Map.of("name", "駐輪台数", "unit", "台", "baseline", 1_000,
                "targets", Map.of("2025", 1_500))), STAFF_NAKAHARA, OUTSIDERS);
        row(post(base + "/actuals", p, Map.of("target", "駐輪台数", "fiscalYear", 2025, "value", 1_400)),
                STAFF_NAKAHARA, OUTSIDERS);
        row(post(base + "/progress-reports", p, Map.of("text", "ラックを設置しました")), STAFF_NAKAHARA, OUTSIDERS);
        row(post(base + "/self-evaluation", p, Map.of("rating", 4, "text", "目標の多くを達成")), STAFF_NAKAHARA, OUTSIDERS);
        row(post(base + "/completion", p, Map.of("summary", "駐輪台数を1,400台に拡張")), STAFF_NAKAHARA,
                with(OUTSIDERS, HEAD_SAIWAI));

        String terminated = setUp(STAFF_NAKAHARA, "/api/projects", project(WARD));
        row(post(base + "/termination", terminated, Map.of("reason", "用地が確保できないため")), STAFF_NAKAHARA,
                with(OUTSIDERS, HEAD_SAIWAI));
    }

    /** A city-wide project (no ward) is for city-wide staff only; an ADMIN approves it. */
    @Test
    @Order(4)
    void cityWideProjectIsOutOfEveryWardScope() {
        String r = id(row(post("/api/projects", null, project(null)).variant("city-wide"), STAFF_CITY,
                ANONYMOUS, ANALYST, STAFF_NAKAHARA, HEAD_NAKAHARA));
        row(post("/api/projects/{id}/progress-reports", r, Map.of("text", "全市で検討を開始")).variant("city-wide"),
                STAFF_CITY, ANONYMOUS, ANALYST, STAFF_NAKAHARA, HEAD_NAKAHARA);
        row(post("/api/projects/{id}/approval", r, Map.of("reason", "全市的な課題")).variant("city-wide"),
                ADMIN, ANONYMOUS, ANALYST, STAFF_CITY, STAFF_NAKAHARA, HEAD_NAKAHARA);
    }

    @Test
    @Order(5)
    void erasureIsForAnAdministrator() {
        String proposal = setUp(STAFF_NAKAHARA, "/api/proposals", proposal());
        String subject = staffView(proposal).path("proposer").path("subjectId").asText();
        assertThat(subject).isNotBlank();
        Supplier<String> state = () -> app.storedEvents() + " events, proposer "
                + staffView(proposal).path("proposer").path("name").asText();
        assertThat(state.get()).endsWith(Requests.PROPOSER_NAME);

        row(new Command(HttpMethod.POST, "/api/personal-data/{subjectId}/erasure", null, null, List.of(subject), ""),
                state, ADMIN, NOT_ADMIN);
        assertThat(state.get()).as("erased by the ADMIN").doesNotContain(Requests.PROPOSER_NAME);

        Map<String, Object> body = proposal();
        body.put("proposer", Map.of("name", Requests.PROPOSER_NAME, "contact", "matrix-person@example.jp"));
        String hers = setUp(STAFF_NAKAHARA, "/api/proposals", body);
        Supplier<String> person = () -> app.storedEvents() + " events, proposer "
                + staffView(hers).path("proposer").path("name").asText();
        row(new Command(HttpMethod.POST, "/api/admin/persons/lookup", null,
                Map.of("contact", "matrix-person@example.jp"), List.of(), ""), person, ADMIN, NOT_ADMIN);
        row(new Command(HttpMethod.POST, "/api/admin/persons/erasure", null,
                Map.of("contact", "matrix-person@example.jp"), List.of(), ""), person, ADMIN, NOT_ADMIN);
        assertThat(person.get()).as("the person erased by the ADMIN").doesNotContain(Requests.PROPOSER_NAME);
    }

    @Test
    @Order(6)
    void accountsAreForAnAdministrator() {
        String username = "m-staff-nakahara";
        String[] password = {"no password yet"};
        Supplier<String> state = () -> adminAccounts() + " / sign-in " + signInStatus(username, password[0]);

        Map<?, ?> created = row(new Command(HttpMethod.POST, "/api/admin/accounts", null,
                Map.of("username", username, "role", "STAFF", "ward", WARD), List.of(), ""), state, ADMIN, NOT_ADMIN);
        password[0] = (String) created.get("password");
        assertThat(signInStatus(username, password[0])).isEqualTo(200);

        Map<?, ?> reset = row(new Command(HttpMethod.POST, "/api/admin/accounts/{username}/password-reset", null, null,
                List.of(username), ""), state, ADMIN, NOT_ADMIN);
        assertThat(signInStatus(username, password[0])).as("old password").isEqualTo(401);
        password[0] = (String) reset.get("password");
        // the old password counted a failed sign-in for the account: an ADMIN clears it
        Supplier<String> throttles = () -> ADMIN.client().get("/api/admin/sign-in-throttles").ok().text();
        Map<?, ?> cleared = row(new Command(HttpMethod.DELETE, "/api/admin/sign-in-throttles?account={username}", null,
                null, List.of(username), ""), throttles, ADMIN, NOT_ADMIN);
        assertThat(cleared.get("cleared")).isEqualTo(1);
        assertThat(throttles.get()).doesNotContain(username);

        row(new Command(HttpMethod.POST, "/api/admin/accounts/{username}/disable", null, null, List.of(username), ""),
                state, ADMIN, NOT_ADMIN);
        assertThat(signInStatus(username, password[0])).as("disabled").isEqualTo(401);
    }

    /**
     * Account administration is guarded by the URL alone ({@code /api/admin/**}), so the URL must not
     * be bent past the rule: spellings the router could still map to the controller never let
     * staff create an account.
     */
    @Test
    @Order(7)
    void bentAdminUrlsDoNotReachAccountAdministration() {
        String before = adminAccounts();
        for (String path : List.of("/api/admin/accounts;x=1", "/api/admin;x=1/accounts", "/api//admin/accounts",
                "/api/admin//accounts", "/api/./admin/accounts", "/api/x/../admin/accounts", "/api/admin/accounts/",
                "/api/%61dmin/accounts", "/api/admin%2Faccounts", "/api/ADMIN/accounts", "/api/admin/accounts%20",
                "/api/admin/accounts.json", "/api/admin/accounts%3B")) {
            // an absolute URI is sent as written, not encoded again
            EntityExchangeResult<byte[]> answer = STAFF_CITY.client().http().post()
                    .uri(java.net.URI.create("http://localhost:" + app.port() + path))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "m-bent", "role", "ADMIN")).exchange().expectBody().returnResult();
            matrix.record("POST " + path + " (bent URL)", STAFF_CITY.label, answer.getStatus().value());
            assertThat(answer.getStatus().is2xxSuccessful()).as("%s as STAFF: %s %s", path, answer.getStatus(),
                    text(answer)).isFalse();
            assertThat(answer.getStatus().is5xxServerError()).as("%s: %s", path, text(answer)).isFalse();
        }
        assertThat(adminAccounts()).as("no account created").isEqualTo(before);
    }

    /**
     * An analyst reads analytics only: every staff read under {@code /api/} is refused before it
     * looks anything up, and nobody signed in gets 401; account listing is for an ADMIN.
     */
    @Test
    @Order(9)
    void analystsAndAnonymousReadNothingUnderApi() {
        List<String> reads = mappings().filter(e -> e.startsWith("GET ")).sorted().toList();
        assertThat(reads).isNotEmpty();
        for (String read : reads) {
            String path = read.substring(4).replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000");
            List<Who> refused = read.startsWith("GET /api/admin/") ? List.of(NOT_ADMIN) : List.of(ANONYMOUS, ANALYST);
            for (Who who : refused) {
                EntityExchangeResult<byte[]> answer = who.client().get(path).result();
                matrix.record(read, who.label, answer.getStatus().value());
                assertRefused(who, read, answer);
            }
        }
    }

    /**
     * A repeat of a creation with the same Idempotency-Key and body returns the first answer and
     * creates nothing. That shortcut must not skip the checks: another ward's staff repeating a
     * 中原区 creation's key is refused like a fresh request, and only its own sender gets the answer.
     */
    @Test
    @Order(8)
    void aReplayedIdempotencyKeyIsCheckedAgain() {
        Map<String, Map<String, Object>> creations = new LinkedHashMap<>();
        creations.put("/api/proposals", proposal());
        creations.put("/api/meetings", meeting());
        creations.put("/api/projects", project(WARD));
        creations.forEach((path, body) -> {
            String key = "matrix-" + java.util.UUID.randomUUID();
            String first = STAFF_NAKAHARA.client().post(path).idempotencyKey(key).body(body).createdId();
            Map<?, ?> replayed = row(post(path, null, body).header("Idempotency-Key", key)
                    .variant("replayed Idempotency-Key"), STAFF_NAKAHARA, with(OUTSIDERS, HEAD_SAIWAI));
            assertThat(id(replayed)).as("the first answer").isEqualTo(first);
        });
    }

    /** Every command endpoint of the running app has a row: a new one without a row fails here. */
    @Test
    @Order(99)
    void everyCommandEndpointHasARow() {
        Set<String> commands = new TreeSet<>(mappings().filter(e -> !e.startsWith("GET ")).toList());
        assertThat(commands).as("command endpoints in the running app").hasSizeGreaterThan(30);
        assertThat(covered).as("endpoints with a matrix row").isEqualTo(commands);
    }

    // --- the matrix row -------------------------------------------------------------------------

    /**
     * A command as it goes over the wire.
     *
     * @param subject the id of the aggregate it acts on (event store stream), null for a creation
     * @param variant what distinguishes a second row for the same endpoint, or ""
     */
    record Command(HttpMethod method, String template, String subject, Object body, List<Object> vars,
                   String variant, Map<String, String> headers) {

        Command(HttpMethod method, String template, String subject, Object body, List<Object> vars, String variant) {
            this(method, template, subject, body, vars, variant, Map.of());
        }

        String endpoint() {
            return method.name() + " " + template.replaceFirst("\\?.*", "");
        }

        String row() {
            return variant.isEmpty() ? endpoint() : endpoint() + " (" + variant + ")";
        }

        Command variant(String name) {
            return new Command(method, template, subject, body, vars, name, headers);
        }

        Command header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Command(method, template, subject, body, vars, variant, Map.copyOf(more));
        }
    }

    private static Command post(String template, String subject, Object body) {
        return new Command(HttpMethod.POST, template, subject, body, subject == null ? List.of() : List.of(subject), "");
    }

    /** A row whose "nothing changed" is the event store and the subject's version. */
    private static Map<?, ?> row(Command command, Who right, Who... refused) {
        return row(command, () -> app.storedEvents() + " events, subject at " + (command.subject() == null ? "-"
                : app.context().getBean(EventStore.class).lastSequenceNumberFor(command.subject())), right, refused);
    }

    /**
     * Sends the command as each refused actor (401 for nobody, 403 otherwise, as problem+json, and
     * {@code state} unchanged), then as the right one (2xx, If-Match on the version before).
     */
    private static Map<?, ?> row(Command command, Supplier<String> state, Who right, Who... refused) {
        covered.add(command.endpoint());
        for (Who who : refused) {
            String before = state.get();
            EntityExchangeResult<byte[]> answer = send(who, command, null);
            matrix.record(command.row(), who.label, answer.getStatus().value());
            assertRefused(who, command.row(), answer);
            assertThat(state.get()).as("%s refused for %s changed nothing", command.row(), who.label)
                    .isEqualTo(before);
        }
        Long version = command.subject() == null ? null : versions.get(command.subject());
        EntityExchangeResult<byte[]> answer = send(right, command, version == null ? null : "\"" + version + "\"");
        matrix.record(command.row(), right.label, answer.getStatus().value());
        assertThat(answer.getStatus().is2xxSuccessful()).as("%s as %s: %s %s", command.row(), right.label,
                answer.getStatus(), text(answer)).isTrue();
        return remember(parse(answer));
    }

    private static void assertRefused(Who who, String what, EntityExchangeResult<byte[]> answer) {
        boolean nobody = who == ANONYMOUS;
        assertThat(answer.getStatus().value()).as("%s as %s: %s", what, who.label, text(answer))
                .isEqualTo(nobody ? 401 : 403);
        assertThat(answer.getResponseHeaders().getContentType()).as("%s as %s", what, who.label)
                .isNotNull().matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(json(answer).path("type").asText()).as("%s as %s", what, who.label)
                .isEqualTo(nobody ? "/problems/unauthenticated" : "/problems/forbidden");
    }

    private static EntityExchangeResult<byte[]> send(Who who, Command command, String ifMatch) {
        Client.Request request = who.client().method(command.method(), command.template(), command.vars().toArray())
                .ifMatch(ifMatch);
        command.headers().forEach(request::header);
        return (command.body() == null ? request.send() : request.body(command.body())).result();
    }

    // --- set-up outside the matrix --------------------------------------------------------------

    /** A step the matrix does not test here (it has its own row): sent as {@code who}, must succeed. */
    private static String setUp(Who who, String path, Object body) {
        return setUp(who, path, body, "id");
    }

    private static String setUp(Who who, String path, Object body, String field) {
        EntityExchangeResult<byte[]> answer = who.client().post(path).body(body).result();
        assertThat(answer.getStatus().is2xxSuccessful()).as("set-up %s: %s", path, text(answer)).isTrue();
        return (String) remember(parse(answer)).get(field);
    }

    private static String acknowledgedProposal() {
        String id = setUp(STAFF_NAKAHARA, "/api/proposals", proposal());
        setUp(STAFF_NAKAHARA, "/api/proposals/" + id + "/acknowledgement", Map.of("department", "地域振興課"));
        return id;
    }

    private static Map<String, Object> proposal() {
        Map<String, Object> body = Requests.proposal();
        body.put("ward", WARD);
        return body;
    }

    private static Map<String, Object> meeting() {
        Map<String, Object> body = Requests.meeting();
        body.put("ward", WARD);
        body.put("title", "第8期 中原区区民会議 第3回");
        body.put("venue", "中原区役所 会議室");
        body.put("themes", List.of("交通"));
        body.remove("term");
        body.remove("session");
        return body;
    }

    private static Map<String, Object> project(String ward) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("fiscalYear", 2025, "title", "駅前駐輪場の拡張",
                "theme", "交通", "programme", ward == null ? "COLLABORATIVE" : "WARD_LOCAL_ISSUE",
                "leadDepartment", "地域振興課"));
        if (ward != null) {
            body.put("ward", ward);
        }
        return body;
    }

    private static JsonNode staffView(String proposal) {
        return json(STAFF_NAKAHARA.client().get("/api/proposals/{id}?minVersion=0", proposal).ok().result());
    }

    private static String adminAccounts() {
        return ADMIN.client().get("/api/admin/accounts").ok().text();
    }

    private static int signInStatus(String username, String password) {
        return app.anonymous().http().get().uri("/api/proposals?size=1").headers(h -> h.setBasicAuth(username, password))
                .exchange().expectBody().returnResult().getStatus().value();
    }

    // --- the app's own list of endpoints --------------------------------------------------------

    /** {@code METHOD /pattern} of every handler mapping under {@code /api/}; "ANY" when not narrowed. */
    private static Stream<String> mappings() {
        return app.context().getBeansOfType(RequestMappingHandlerMapping.class).values().stream()
                .flatMap(mapping -> mapping.getHandlerMethods().keySet().stream())
                .flatMap(AccessMatrixIT::endpoints)
                .filter(endpoint -> endpoint.substring(endpoint.indexOf(' ') + 1).startsWith("/api/")
                        || endpoint.endsWith(" /api"))
                .filter(endpoint -> !endpoint.startsWith("HEAD ") && !endpoint.startsWith("OPTIONS "))
                .distinct();
    }

    private static Stream<String> endpoints(RequestMappingInfo info) {
        List<String> methods = info.getMethodsCondition().getMethods().isEmpty() ? List.of("ANY")
                : info.getMethodsCondition().getMethods().stream().map(Enum::name).toList();
        return methods.stream().flatMap(method -> info.getPatternsCondition().getPatterns().stream()
                .map(pattern -> method + " " + pattern.getPatternString()));
    }

    // --- answers --------------------------------------------------------------------------------

    private static Map<?, ?> remember(Map<?, ?> answer) {
        if (answer.get("id") instanceof String id && answer.get("version") instanceof Number version) {
            versions.put(id, version.longValue());
        }
        return answer;
    }

    private static Map<?, ?> parse(EntityExchangeResult<byte[]> answer) {
        try {
            return JSON.readValue(answer.getResponseBody(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(EntityExchangeResult<byte[]> answer) {
        try {
            return answer.getResponseBody() == null ? JSON.missingNode() : JSON.readTree(answer.getResponseBody());
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static String text(EntityExchangeResult<byte[]> answer) {
        return Answer.text(answer);
    }

    private static String id(Map<?, ?> answer) {
        return (String) answer.get("id");
    }

    private static Who[] with(Who[] some, Who... more) {
        return Stream.concat(Arrays.stream(some), Arrays.stream(more)).toArray(Who[]::new);
    }
}
