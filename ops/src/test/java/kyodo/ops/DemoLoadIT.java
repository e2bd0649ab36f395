package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import kyodo.ops.resident.ResidentAccount;
import kyodo.ops.resident.ResidentEnrolment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data goes in through the command API at start-up ({@code --kyodo.demo.load=true}), its
 * proposals dated over the months before the load, with verified demo residents who support the open
 * proposals and follow them; loading it again at the next start changes nothing.
 */
class DemoLoadIT {

    /** The demo residents' wards, by number ({@code resident<n>@demo.kyodo.invalid}). */
    private static final List<String> WARDS = List.of("kawasaki", "kawasaki", "kawasaki", "tama", "tama",
            "nakahara", "nakahara", "saiwai", "asao", "asao");
    /** Supports of the open demo proposals: the ward's residents, and anyone's for the まちのひろば one. */
    private static final Map<String, Integer> SUPPORTS = Map.of("demo-proposal-02", 3, "demo-proposal-05", 8,
            "demo-proposal-06", 2);
    /** What the console shows once: the first demo resident's password. */
    private static final Pattern PASSWORD = Pattern.compile(
            "address: +resident1@demo\\.kyodo\\.invalid\\R +password: (\\S+)");

    @TempDir
    Path dataDir;

    @Test
    void loadingTheDemoTwiceStoresItOnce() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream original = System.out;
        KyodoTestApp started;
        System.setOut(new PrintStream(new Tee(original, console), true, StandardCharsets.UTF_8));
        try {
            started = KyodoTestApp.start(dataDir, "--kyodo.demo.load=true");
        } finally {
            System.setOut(original);
        }
        try (KyodoTestApp app = started) {
            // proposals: 7 submissions, 12 staff steps and the 2 overdue marks of the two still open past
            // their due date; the 2015 workshop: scheduled, opened, 6 groups, 21 opinions, closed, minutes;
            // the 2019 expert panel: 4 sessions with their agendas; the seed dataset: 77 ward budget
            // envelopes and 7 of this fiscal year, 26 named projects with 109 following steps and the 21
            // reservations their allocations make on ward budgets, 1,149 generated projects; the demo
            // residents: 13 supports, and 20 follows (each resident a proposal and their ward)
            long expected = 21 + 31 + 8 + 84 + 26 + 109 + 21 + 1149 + 13 + 20;
            assertThat(app.storedEvents()).isEqualTo(expected);
            Matcher shown = PASSWORD.matcher(console.toString(StandardCharsets.UTF_8));
            assertThat(shown.find()).as("the first demo resident's address and password on the console").isTrue();
            Map<String, String> accounts = demoResidentsAreVerified(app);
            theirSupportsAndFollowsShow(app, shown.group(1));
            noPublicOrAnalystAnswerNamesThem(app);

            // the first resident stops following their ward: the next load does not follow it again
            ConsoleSession first = signedIn(app, shown.group(1));
            assertThat(first.get("/resident/follows").status(200).part("my-follows", "ul")).contains("川崎区");
            first.post("/resident/follows/end", Map.of("kind", "ward", "id", "kawasaki"))
                    .redirectsTo("/resident/follows?notice=unfollowed");
            long afterUnfollow = expected + 1;
            assertThat(app.storedEvents()).isEqualTo(afterUnfollow);

            app.restart();
            assertThat(app.storedEvents()).as("a reload adds nothing, the unfollow included").isEqualTo(afterUnfollow);
            assertThat(followsStored(app)).isEqualTo(20);
            assertThat(demoResidentsAreVerified(app)).as("the same accounts").isEqualTo(accounts);
            theirSupportsAndFollowsShow(app, shown.group(1));
            assertThat(signedIn(app, shown.group(1)).get("/resident/follows").status(200).part("my-follows", "ul"))
                    .as("what they unfollowed stays unfollowed").contains("いこいの家を地域活動の拠点に")
                    .doesNotContain("川崎区");

            Client staff = app.staff();
            KyodoTestApp.eventually(() -> staff.get("/public/proposals?size=100").ok().json()
                    .jsonPath("$.total").isEqualTo(7));
            // dated over past months (issue 20): answered after 12, 41 and 45 days, two open past their due
            // date, and this fiscal year's ward budgets set; the supports make no answer due (threshold 50)
            KyodoTestApp.eventually(() -> staff.get("/public/dashboard").ok().json()
                    .jsonPath("$.proposals.allTime.answered").isEqualTo(3)
                    .jsonPath("$.proposals.allTime.overdue").isEqualTo(2)
                    .jsonPath("$.proposals.allTime.medianDaysToAnswer").isEqualTo(41.0)
                    .jsonPath("$.proposals.allTime.supports").isEqualTo(13)
                    .jsonPath("$.wardBudgets.envelopeYen").isEqualTo(385_000_000));
            KyodoTestApp.eventually(() -> staff.get("/public/meetings?kind=EXPERT_PANEL").ok().json()
                    .jsonPath("$.total").isEqualTo(4));
            String workshopId = staff.get("/public/meetings?kind=WORKSHOP").ok().tree().at("/items/0/id").asText();
            staff.get("/api/meetings/{id}?minVersion=30", workshopId).ok();
            staff.get("/public/meetings/{id}", workshopId).ok().json()
                    .jsonPath("$.groups.length()").isEqualTo(6)
                    .jsonPath("$.groups[*].opinions[*]").value(org.hamcrest.Matchers.hasSize(21))
                    .jsonPath("$.status").isEqualTo("CLOSED");
        }
    }

    /** Every demo resident has a confirmed account, verified for their ward; their account ids by address. */
    private static Map<String, String> demoResidentsAreVerified(KyodoTestApp app) {
        ResidentEnrolment residents = app.context().getBean(ResidentEnrolment.class);
        Map<String, String> ids = new LinkedHashMap<>();
        for (int n = 1; n <= WARDS.size(); n++) {
            String email = email(n);
            ResidentAccount account = residents.find(email).orElseThrow(() -> new AssertionError("no account " + email));
            assertThat(account.confirmed()).as(email).isTrue();
            assertThat(account.verified()).as(email).isTrue();
            assertThat(account.ward().code()).as(email).isEqualTo(WARDS.get(n - 1));
            ids.put(email, account.id());
        }
        return ids;
    }

    /**
     * The open proposals show their supports in the public JSON, on their portal pages and in the home's
     * figures; the first resident signs in with the password shown and finds their follows and support.
     */
    private static void theirSupportsAndFollowsShow(KyodoTestApp app, String password) {
        Client anonymous = app.anonymous();
        KyodoTestApp.eventually(() -> SUPPORTS.forEach((key, count) -> {
            anonymous.get("/public/proposals/{id}", id(key)).ok().json().jsonPath("$.supports").isEqualTo(count);
            assertThat(anonymous.get("/proposals/{id}", id(key)).ok().text())
                    .contains("<strong>" + count + "人</strong>");
        }));
        JsonNode list = anonymous.get("/public/proposals?size=100").ok().tree();
        int total = 0;
        for (JsonNode item : list.get("items")) {
            total += item.get("supports").asInt();
        }
        assertThat(total).as("supports in the public list").isEqualTo(13);
        assertThat(anonymous.get("/").ok().text()).contains("賛同の合計");

        ConsoleSession resident = signedIn(app, password);
        String follows = resident.get("/resident/follows").status(200).part("my-follows", "ul");
        assertThat(follows).contains("いこいの家を地域活動の拠点に");
        // their support is theirs: a second one is refused, and nothing is recorded
        resident.get("/resident/supports/" + id("demo-proposal-02")).status(200);
        resident.post("/resident/supports/" + id("demo-proposal-02"), Map.of("action", "support")).status(409);
        anonymous.get("/public/proposals/{id}", id("demo-proposal-02")).ok().json().jsonPath("$.supports").isEqualTo(3);
        assertThat(followsStored(app)).isEqualTo(20);
    }

    /** The first demo resident, signed in with the password the console showed. */
    private static ConsoleSession signedIn(KyodoTestApp app, String password) {
        ConsoleSession resident = new ConsoleSession(app::anonymousHttp, null);
        resident.get("/resident/sign-in").status(200);
        resident.post("/resident/sign-in", Map.of("email", email(1), "password", password)).redirectsTo("/resident");
        return resident;
    }

    /** No public or analyst answer shows a demo resident's name or address. */
    private static void noPublicOrAnalystAnswerNamesThem(KyodoTestApp app) {
        Client anonymous = app.anonymous();
        Client analyst = app.client("ANALYST", null);
        List<String> uris = new ArrayList<>(List.of("/", "/public/dashboard", "/public/proposals?size=100",
                "/public/decisions?limit=1000", "/proposals", "/decisions"));
        SUPPORTS.keySet().forEach(key -> uris.addAll(List.of("/public/proposals/" + id(key), "/proposals/" + id(key),
                "/public/history/proposal/" + id(key))));
        StringBuilder seen = new StringBuilder();
        uris.forEach(uri -> seen.append(anonymous.get(uri).ok().text()));
        for (JsonNode model : analyst.get("/analytics/schema").ok().tree().get("readModels")) {
            String path = model.get("path").asText();
            String groupBy = String.join(",", model.get("dimensions").findValuesAsText("name"));
            for (String accept : List.of("application/json", "text/csv")) {
                seen.append(analyst.method(HttpMethod.GET, path).header("Accept", accept).send().ok().text());
                seen.append(analyst.method(HttpMethod.GET, path + "?groupBy=" + groupBy).header("Accept", accept)
                        .send().ok().text());
            }
        }
        String everything = seen.toString();
        assertThat(everything).contains("いこいの家を地域活動の拠点に");
        for (int n = 1; n <= WARDS.size(); n++) {
            assertThat(everything).doesNotContain(email(n)).doesNotContain(String.format("デモ住民 %02d", n));
        }
        assertThat(everything).doesNotContain("demo.kyodo.invalid").doesNotContain("デモ住民");
    }

    private static long followsStored(KyodoTestApp app) {
        Long count = app.context().getBean(JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE '%.FollowStarted'", Long.class);
        return count == null ? 0 : count;
    }

    private static String email(int n) {
        return "resident" + n + "@demo.kyodo.invalid";
    }

    /** A demo proposal's id, as the demo derives it from its key. */
    private static String id(String key) {
        return UUID.nameUUIDFromBytes(("kyodo demo proposal " + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Writes to the console as before and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
        }
    }
}
