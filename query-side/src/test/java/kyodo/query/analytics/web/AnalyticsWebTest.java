package kyodo.query.analytics.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.mongodb.client.MongoDatabase;
import kyodo.query.analytics.AnalyticsFixture;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.proposal.TestStores;
import kyodo.query.web.QueryWebTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics and dashboard endpoints over HTTP in a bare WebFlux context (no Spring Boot, no Axon
 * processors): the three formats give the same rows, CSV opens in Excel, bad input is a problem, the
 * dashboard shows figures and nothing personal.
 */
class AnalyticsWebTest {

    /** Reads numbers as written: 0.1200 stays 0.1200. */
    private static final ObjectMapper EXACT = TestStores.JSON.copy()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    @RegisterExtension
    static final TestStores stores = new TestStores();

    private AnnotationConfigApplicationContext context;
    private WebTestClient client;

    @BeforeEach
    void aSmallCity() {
        MongoDatabase database = stores.freshDatabase();
        new AnalyticsFixture(database).feed(AnalyticsFixture.history(stores.protector));
        context = new AnnotationConfigApplicationContext();
        context.getBeanFactory().setConversionService(new ApplicationConversionService());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("kyodo.dashboard.poll-interval", "100ms")));
        context.registerBean(ReadStore.class, () -> MongoReadStore.of(database));
        context.registerBean(Clock.class, () -> Clock.fixed(Instant.parse("2025-08-01T00:00:00Z"), ZoneOffset.UTC));
        context.register(Web.class);
        context.refresh();
        client = WebTestClient.bindToApplicationContext(context).configureClient()
                .responseTimeout(Duration.ofSeconds(60)).build();
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void jsonNamesTheReadModelGroupingFiltersAndRows() {
        JsonNode body = json(client.get().uri("/analytics/projects/counts?groupBy=fiscalYear&programme=collaborative")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody());

        assertThat(body.get("readModel").asText()).isEqualTo("projects/counts");
        assertThat(body.get("groupBy")).isEqualTo(json("[\"fiscalYear\"]"));
        assertThat(body.get("filters")).isEqualTo(json("{\"programme\":\"COLLABORATIVE\"}"));
        assertThat(body.get("rows")).hasSize(1);
        assertThat(body.get("rows").get(0).get("fiscalYear").asInt()).isEqualTo(2025);
        assertThat(body.get("rows").get(0).get("count").asLong()).isEqualTo(2);
        assertThat(body.get("rows").get(0).get("allocatedYen").asLong()).isEqualTo(3_500_000L);
    }

    @Test
    void jsonCsvAndNdjsonGiveTheSameRows() {
        for (String query : List.of("/analytics/proposals/summary", "/analytics/proposals/summary?groupBy=theme,ward",
                "/analytics/projects/counts?groupBy=ward,theme", "/analytics/budgets",
                "/analytics/budgets?groupBy=none", "/analytics/meetings/participation?groupBy=theme",
                "/analytics/meetings/participation", "/analytics/decisions",
                "/analytics/decisions?groupBy=subjectType,fiscalYear&ward=saiwai")) {
            JsonNode rows = json(get(query, MediaType.APPLICATION_JSON)).get("rows");
            List<JsonNode> ndjson = Arrays.stream(get(query, MediaType.APPLICATION_NDJSON).split("\n"))
                    .map(AnalyticsWebTest::json).toList();
            List<List<String>> csv = parseCsv(get(query, MediaType.parseMediaType("text/csv")).substring(1));

            assertThat(rows).as(query).isNotEmpty();
            assertThat(ndjson).as(query).containsExactlyElementsOf(rows);
            List<String> header = new ArrayList<>();
            rows.get(0).fieldNames().forEachRemaining(header::add);
            assertThat(csv.get(0)).as(query).isEqualTo(header);
            List<List<String>> expected = new ArrayList<>();
            rows.forEach(row -> expected.add(header.stream().map(name -> csvCell(row.get(name))).toList()));
            assertThat(csv.subList(1, csv.size())).as(query).isEqualTo(expected);
        }
    }

    @Test
    void csvHasTheBomAHeaderRowCrlfAndQuotesWhatNeedsIt() {
        byte[] body = client.get().uri("/analytics/projects/counts?groupBy=ward,theme&fiscalYear=2025")
                .accept(MediaType.parseMediaType("text/csv")).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("text/csv;charset=UTF-8")
                .expectHeader().valueMatches("Content-Disposition", "attachment; filename=\"projects-counts.csv\"")
                .expectBody(byte[].class).returnResult().getResponseBody();

        assertThat(Arrays.copyOf(body, 3)).containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        String text = new String(body, StandardCharsets.UTF_8).substring(1);
        String[] lines = text.split("\r\n", -1);
        assertThat(lines[0]).startsWith("ward,theme,count,active,approved,completed,terminated,partners,");
        assertThat(lines[1]).startsWith("saiwai,緑化,1,1,1,0,0,2,");
        assertThat(lines[2]).startsWith("saiwai,防災,1,0,1,0,1,1,");
        // The awkward theme is defused, quoted, its quotes doubled, its line break kept inside the quotes.
        assertThat(lines[3]).startsWith("tama,\"'=みどり, \"\"花\"\"\n計画\",1,1,0,0,0,0,");
        assertThat(lines[4]).isEmpty();
        assertThat(lines).hasSize(5);
    }

    @Test
    void anUnknownGroupByOrABadFilterIsInvalidInputNamingEach() {
        JsonNode problem = json(client.get()
                .uri("/analytics/decisions?groupBy=kind,colour&ward=shibuya&month=2025-13&fiscalYear=R7&wards=tama")
                .header("Accept-Language", "en").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody());

        assertThat(problem.get("type").asText()).isEqualTo("/problems/invalid-input");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").findValuesAsText("field"))
                .containsExactly("ward", "fiscalYear", "month", "groupBy", "wards");
        assertThat(problem.get("errors").get(3).get("message").asText()).isEqualTo("must be a comma-separated list of "
                + "distinct dimensions from kind, outcome, subjectType, ward, fiscalYear, month, or none");
        for (String query : List.of("groupBy=ward,ward", "groupBy=", "theme=x", "kind=PROPOSAL_ANSWER&kind=RESOLUTION")) {
            int status = client.get().uri("/analytics/decisions?" + query).accept(MediaType.parseMediaType("text/csv"))
                    .exchange().returnResult(String.class).getStatus().value();
            assertThat(status).as(query).isEqualTo(query.equals("groupBy=") ? 200 : 400);
        }
    }

    @Test
    void theSchemaDescribesEveryReadModelFromTheCatalogue() {
        JsonNode schema = json(client.get().uri("/analytics/schema").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());

        JsonNode models = schema.get("readModels");
        assertThat(models.findValuesAsText("name")).contains("proposals/summary", "projects/counts", "budgets",
                "meetings/participation", "decisions");
        assertThat(models.findValuesAsText("path")).containsExactly("/analytics/proposals/summary",
                "/analytics/projects/counts", "/analytics/budgets", "/analytics/meetings/participation",
                "/analytics/decisions");
        JsonNode budgets = models.get(2);
        assertThat(budgets.get("processingGroup").asText()).isEqualTo("analytics-budget-facts");
        assertThat(budgets.get("defaultGroupBy")).isEqualTo(json("[\"ward\",\"fiscalYear\"]"));
        assertThat(budgets.get("measures").get(6)).isEqualTo(json("""
                {"name":"utilisation","type":"number","unit":"ratio",
                 "meaning":"spentYen ÷ envelopeYen, four decimal places (half up); null without an envelope"}"""));
        JsonNode theme = models.get(0).get("dimensions").get(2);
        assertThat(theme.get("name").asText()).isEqualTo("theme");
        assertThat(theme.get("multiValued").asBoolean()).isTrue();
        assertThat(schema.toString()).doesNotContain("accumulator", "\"field\"", "\"kind\":\"CODE\"");
    }

    @Test
    void theDashboardShowsKeyFiguresAndNothingPersonal() {
        String body = client.get().uri("/public/dashboard").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(json(body)).isEqualTo(json("""
                {"fiscalYear":2025,"fiscalYearLabel":"令和7年度",
                 "proposals":{"thisFiscalYear":{"received":12,"answered":9,"open":2,"overdue":1,
                                                "medianDaysToAnswer":5.0,"supports":0},
                              "allTime":{"received":12,"answered":9,"open":2,"overdue":1,"medianDaysToAnswer":5.0,"supports":0}},
                 "projects":{"active":2,"activeByProgramme":{"COLLABORATIVE":1,"WARD_LOCAL_ISSUE":1,"MACHI_NO_HIROBA":0},
                             "thisFiscalYearByProgramme":{"COLLABORATIVE":2,"WARD_LOCAL_ISSUE":1,"MACHI_NO_HIROBA":0},
                             "byFiscalYear":{"2025":{"COLLABORATIVE":2,"WARD_LOCAL_ISSUE":1}}},
                 "wardBudgets":{"envelopeYen":18000000,"allocatedYen":3500000,"spentYen":1200000,"utilisation":0.0667,"envelopeByFiscalYear":{"2025":18000000}},
                 "meetings":{"thisFiscalYear":{"held":1,"participants":17},"allTime":{"held":2,"participants":61}},
                 "decisions":{"total":19,"byOutcome":{"ACCEPTED":7,"ADOPTED":1,"ALLOCATED":2,"APPROVED":2,
                              "REJECTED":3,"SET":2,"SIGNED":1,"TERMINATED":1}}}"""));
        assertThat(body).doesNotContain(AnalyticsFixture.NAME, AnalyticsFixture.CONTACT, "staff-", "name", "contact",
                "proposer", "participant\"", "role");
    }

    @Test
    void theDashboardOfOneWardHasOnlyThatWardsFigures() {
        String body = client.get().uri("/public/dashboard?ward=TAMA").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(json(body)).isEqualTo(json("""
                {"fiscalYear":2025,"fiscalYearLabel":"令和7年度","ward":"tama",
                 "proposals":{"thisFiscalYear":{"received":4,"answered":4,"open":0,"overdue":0,
                                                "medianDaysToAnswer":5.5,"supports":0},
                              "allTime":{"received":4,"answered":4,"open":0,"overdue":0,"medianDaysToAnswer":5.5,"supports":0}},
                 "projects":{"active":1,"activeByProgramme":{"COLLABORATIVE":0,"WARD_LOCAL_ISSUE":1,"MACHI_NO_HIROBA":0},
                             "thisFiscalYearByProgramme":{"COLLABORATIVE":0,"WARD_LOCAL_ISSUE":1,"MACHI_NO_HIROBA":0},
                             "byFiscalYear":{"2025":{"WARD_LOCAL_ISSUE":1}}},
                 "wardBudgets":{"envelopeYen":8000000,"allocatedYen":0,"spentYen":0,"utilisation":0.0000,
                                "envelopeByFiscalYear":{"2025":8000000}},
                 "meetings":{"thisFiscalYear":{"held":0,"participants":0},"allTime":{"held":0,"participants":0}},
                 "decisions":{"total":5,"byOutcome":{"ACCEPTED":4,"SET":1}}}"""));
    }

    @Test
    void aDashboardWardThatIsNoWardIsRefused() {
        String body = client.get().uri("/public/dashboard?ward=atlantis").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(body).contains("\"ward\"", "must be one of");
    }

    @Test
    void theDashboardStreamSendsTheFiguresAsAnEvent() {
        String figures = client.get().uri("/public/dashboard").exchange()
                .expectBody(String.class).returnResult().getResponseBody();

        ServerSentEvent<String> first = client.get().uri("/public/dashboard/stream")
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                })
                .getResponseBody()
                .filter(event -> event.data() != null)
                .blockFirst(Duration.ofSeconds(60));

        assertThat(first).isNotNull();
        assertThat(first.event()).isEqualTo("dashboard");
        assertThat(json(first.data())).isEqualTo(json(figures));
    }

    private String get(String uri, MediaType accept) {
        return new String(client.get().uri(uri).accept(accept).exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody(), StandardCharsets.UTF_8);
    }

    /** A JSON value as the CSV writes it: text defused against formulas, null empty. */
    private static String csvCell(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isTextual()) {
            String text = value.asText();
            return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        }
        return value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText();
    }

    /** RFC 4180 records (CRLF between records, quoted fields may hold anything). */
    private static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(field).as("the last record ends with CRLF").isEmpty();
        return records;
    }

    private static JsonNode json(String text) {
        try {
            return EXACT.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    /** The query side's analytics beans on the shared HTTP edge. */
    @Configuration
    @ComponentScan({"kyodo.query.analytics", "kyodo.query.dashboard"})
    @Import(QueryWebTest.Edge.class)
    static class Web {

        @Bean
        ObjectMapper objectMapper() {
            return TestStores.JSON;
        }
    }
}
