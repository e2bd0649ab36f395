package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.ops.cli.KyodoCli;
import kyodo.ops.demo.SeedLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpMethod;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed dataset, loaded through the command API on a fresh data directory, shows the seeds' own
 * figures in the read models, and loading it again changes nothing. One load serves every test.
 */
class SeedDatasetIT {

    @RegisterExtension
    static final RunningApp app = new RunningApp();
    private static final Client staff = app.staff();
    private static final Client publicReader = app.anonymous();
    private static final Client analyst = app.as("ANALYST", null);
    private static SeedLoader.Summary firstLoad;

    @BeforeAll
    static void load() {
        firstLoad = loader().load();
        app.awaitReadModels();
    }

    static SeedLoader loader() {
        return SeedLoader.inProcess(app.context(), 6);
    }

    private static long total(String query) {
        return staff.get("/api/projects?size=1&" + query).ok().tree().get("total").asLong();
    }

    private static JsonNode project(String words) {
        JsonNode page = staff.get("/public/projects?q={q}", words).ok().tree();
        assertThat(page.get("total").asLong()).as("projects matching " + words).isEqualTo(1);
        return staff.get("/api/projects/{id}", page.at("/items/0/id").asText()).ok().tree();
    }

    @Test
    void collaborativeProjectCountsAreTheSeedsPerFiscalYear() {
        Map<Integer, Long> expected = Map.of(2008, 184L, 2009, 179L, 2010, 185L, 2011, 165L, 2012, 168L);
        expected.forEach((year, count) -> assertThat(total("programme=COLLABORATIVE&fiscalYear=" + year))
                .as("協働型事業 FY" + year).isEqualTo(count));
        assertThat(publicReader.get("/public/projects?size=1&programme=COLLABORATIVE&fiscalYear=2008").ok().tree().get("total").asLong()).isEqualTo(184);
    }

    @Test
    void wardLocalIssueProjectsOfFiscal2012Are291AcrossTheSevenWards() {
        assertThat(total("programme=WARD_LOCAL_ISSUE&fiscalYear=2012")).isEqualTo(291);
        List<String> wards = List.of("kawasaki", "saiwai", "nakahara", "takatsu", "miyamae", "tama", "asao");
        assertThat(wards.stream().mapToLong(w -> total("programme=WARD_LOCAL_ISSUE&fiscalYear=2012&ward=" + w))
                .sum()).isEqualTo(291);
        wards.forEach(w -> assertThat(total("programme=WARD_LOCAL_ISSUE&fiscalYear=2012&ward=" + w))
                .as(w).isBetween(41L, 42L));
    }

    @Test
    void namedExamplesAreProjectsWithTheirPartnersAgreementsAndMoney() {
        JsonNode nikaryo = project("二ヶ領用水");
        assertThat(nikaryo.get("ward").asText()).isEqualTo("takatsu");
        assertThat(nikaryo.get("programme").asText()).isEqualTo("WARD_LOCAL_ISSUE");
        assertThat(nikaryo.get("status").asText()).isEqualTo("APPROVED");
        assertThat(nikaryo.get("allocatedYen").asLong()).isEqualTo(1_000_000);

        JsonNode boken = project("冒険あそび場");
        assertThat(boken.get("ward").asText()).isEqualTo("miyamae");
        assertThat(boken.get("status").asText()).isEqualTo("APPROVED");

        JsonNode woodland = project("久末東");
        assertThat(woodland.get("ward").isNull()).isTrue();
        assertThat(woodland.get("partners")).hasSize(3);
        assertThat(woodland.at("/partners").findValuesAsText("type"))
                .containsExactly("COMPANY", "CITIZEN_GROUP", "CITY_DEPARTMENT");
        assertThat(woodland.get("agreements")).hasSize(1);
        assertThat(woodland.at("/agreements/0/signedOn").asText()).isEqualTo("2013-05-10");
        assertThat(woodland.at("/agreements/0/parties")).hasSize(3);
        assertThat(woodland.get("status").asText()).isEqualTo("APPROVED");

        JsonNode council = project("帰宅困難者");
        assertThat(council.get("partners")).hasSize(43);
        assertThat(council.get("progressReports")).hasSize(1);

        JsonNode shoppingStreets = project("商店街協定");
        assertThat(shoppingStreets.at("/agreements/0/parties")).hasSize(12);

        JsonNode bicycles = project("放置自転車対策事業");
        assertThat(bicycles.at("/targets/0/baseline").asLong()).isEqualTo(54_092);
    }

    @Test
    void wardBudgetEnvelopesAreTheSeedsFrom2002() {
        for (int year = 2002; year <= 2012; year++) {
            long expected = year < 2006 ? 50_000_000 : 55_000_000;
            JsonNode budgets = publicReader.get("/public/ward-budgets?fiscalYear={y}", year).ok().tree();
            assertThat(budgets.get("items")).as("FY" + year).hasSize(7);
            budgets.get("items").forEach(b -> assertThat(b.get("envelopeYen").asLong()).isEqualTo(expected));
        }
        assertThat(publicReader.get("/public/ward-budgets/takatsu/2012").ok().tree().get("allocatedYen").asLong())
                .as("four named takatsu projects at ¥1,000,000").isEqualTo(4_000_000);
    }

    @Test
    void loadingAgainChangesNothing() {
        long events = app.storedEvents();
        SeedLoader.Summary again = loader().load();
        assertThat(again.stepsApplied()).isZero();
        assertThat(again.alreadyThere()).isEqualTo(firstLoad.stepsApplied());
        assertThat(again.subjects()).isEqualTo(firstLoad.subjects());
        assertThat(app.storedEvents()).isEqualTo(events);
        System.out.println("seed dataset: first " + firstLoad.render() + "; again " + again.render());
    }

    @Test
    void loadingIntoARunningServerFromTheCommandLineChangesNothing(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path passwordFile = java.nio.file.Files.writeString(dir.resolve("password"), KyodoTestApp.PASSWORD);
        long events = app.storedEvents();
        int port = app.port();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream print = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);

        int status = KyodoCli.run(print, print, "demo", "load", "--url", "http://localhost:" + port,
                "--user", KyodoTestApp.username("ADMIN", null), "--password-file", passwordFile.toString());

        String output = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(status).as(output).isZero();
        assertThat(output).contains("1271 subjects, 0 steps applied, 246 already there",
                "left out: the 10 demo residents with their 13 supports and 20 follows");
        assertThat(app.storedEvents()).isEqualTo(events);
    }

    // analytics and the public dashboard over the seed dataset (issue 7)

    private static String analytics(String uri, String accept) {
        return analyst.method(HttpMethod.GET, uri).header("Accept", accept).send().ok().text();
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void analystsSeeTheSeedsFiguresInJsonCsvAndNdjsonAlike() {
        String uri = "/analytics/projects/counts?groupBy=fiscalYear&programme=COLLABORATIVE";
        JsonNode rows = json(analytics(uri, "application/json")).get("rows");
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        rows.forEach(r -> counts.put(r.get("fiscalYear").asInt(), r.get("count").asLong()));
        assertThat(counts).containsAllEntriesOf(Map.of(2008, 184L, 2009, 179L, 2010, 185L, 2011, 165L, 2012, 168L));

        String ndjson = analytics(uri, "application/x-ndjson");
        List<JsonNode> lines = ndjson.lines().filter(l -> !l.isBlank()).map(SeedDatasetIT::json).toList();
        assertThat(lines).hasSize(rows.size());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).isEqualTo(rows.get(i));
        }

        byte[] csv = analyst.method(HttpMethod.GET, uri).header("Accept", "text/csv").send().ok().spec()
                .expectHeader().contentTypeCompatibleWith("text/csv")
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(java.util.Arrays.copyOf(csv, 3)).as("UTF-8 BOM for Excel")
                .containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        List<String> records = new String(csv, 3, csv.length - 3, java.nio.charset.StandardCharsets.UTF_8)
                .lines().toList();
        List<String> header = List.of(records.get(0).split(","));
        assertThat(records).hasSize(rows.size() + 1);
        for (int i = 0; i < rows.size(); i++) {
            List<String> cells = List.of(records.get(i + 1).split(","));
            assertThat(cells.get(header.indexOf("fiscalYear"))).isEqualTo(rows.get(i).get("fiscalYear").asText());
            assertThat(cells.get(header.indexOf("count"))).isEqualTo(rows.get(i).get("count").asText());
        }

        JsonNode fiscal2012 = json(analytics("/analytics/projects/counts?groupBy=programme&fiscalYear=2012",
                "application/json")).get("rows");
        long wardLocal = 0;
        for (JsonNode r : fiscal2012) {
            if ("WARD_LOCAL_ISSUE".equals(r.get("programme").asText())) {
                wardLocal = r.get("count").asLong();
            }
        }
        assertThat(wardLocal).as("FY2012 ward local-issue projects").isEqualTo(291);

        JsonNode saiwai2006 = json(analytics("/analytics/budgets?ward=saiwai&fiscalYear=2006", "application/json"))
                .at("/rows/0");
        assertThat(saiwai2006.get("envelopeYen").asLong()).isEqualTo(55_000_000);
    }

    @Test
    void thePublicDashboardShowsTheSeedsFigures() {
        JsonNode dashboard = publicReader.get("/public/dashboard").ok().tree();
        assertThat(dashboard.at("/projects/byFiscalYear/2008/COLLABORATIVE").asLong()).isEqualTo(184);
        assertThat(dashboard.at("/projects/byFiscalYear/2012/COLLABORATIVE").asLong()).isEqualTo(168);
        assertThat(dashboard.at("/projects/byFiscalYear/2012/WARD_LOCAL_ISSUE").asLong()).isEqualTo(291);
        assertThat(dashboard.at("/wardBudgets/envelopeByFiscalYear/2002").asLong()).isEqualTo(7 * 50_000_000L);
        assertThat(dashboard.at("/wardBudgets/envelopeByFiscalYear/2006").asLong()).isEqualTo(7 * 55_000_000L);
    }

    /**
     * The planted personal data (every proposer and meeting participant of the dataset, as staff see
     * them) appears in no public or analytics answer, in any format.
     */
    @Test
    void noPublicOrAnalyticsAnswerShowsAnyonesPersonalData() {
        java.util.Set<String> planted = new java.util.TreeSet<>();
        java.util.List<String> publicUris = new java.util.ArrayList<>(List.of("/public/dashboard",
                "/public/proposals?size=100", "/public/meetings?size=100", "/public/projects?size=100",
                "/public/ward-budgets?fiscalYear=2012", "/public/decisions?limit=1000", "/public/audit/keys"));
        for (JsonNode item : staff.get("/api/proposals?size=100").ok().tree().get("items")) {
            String id = item.get("id").asText();
            JsonNode view = staff.get("/api/proposals/{id}", id).ok().tree();
            planted.add(view.at("/proposer/name").asText());
            planted.add(view.at("/proposer/contact").asText());
            publicUris.add("/public/proposals/" + id);
            publicUris.add("/public/history/proposal/" + id);
        }
        for (JsonNode item : staff.get("/api/meetings?size=100").ok().tree().get("items")) {
            String id = item.get("id").asText();
            JsonNode view = staff.get("/api/meetings/{id}", id).ok().tree();
            view.get("participants").forEach(p -> {
                planted.add(p.get("name").asText());
                if (p.hasNonNull("affiliation")) {
                    planted.add(p.get("affiliation").asText());
                }
            });
            publicUris.add("/public/meetings/" + id);
            publicUris.add("/public/history/meeting/" + id);
        }
        planted.removeIf(s -> s.isBlank() || s.length() < 3);
        assertThat(planted).as("the dataset plants proposers (and any registered participants)").hasSizeGreaterThanOrEqualTo(8);

        StringBuilder seen = new StringBuilder();
        publicUris.forEach(uri -> seen.append(publicReader.get(uri).ok().text()));
        JsonNode schema = json(analytics("/analytics/schema", "application/json"));
        for (JsonNode model : schema.get("readModels")) {
            String path = model.get("path").asText();
            List<String> dimensions = model.get("dimensions").findValuesAsText("name");
            for (String accept : List.of("application/json", "text/csv", "application/x-ndjson")) {
                seen.append(analytics(path, accept));
                seen.append(analytics(path + "?groupBy=" + String.join(",", dimensions), accept));
            }
        }
        String everything = seen.toString();
        assertThat(everything.length()).isGreaterThan(100_000);
        planted.forEach(value -> assertThat(everything).as("a public or analytics answer shows planted personal data")
                .doesNotContain(value));
    }
}
