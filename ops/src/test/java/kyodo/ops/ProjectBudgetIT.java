package kyodo.ops;

import kyodo.kernel.Yen;
import kyodo.kernel.project.FundsReleased;
import kyodo.kernel.project.FundsReserved;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Projects and ward budgets over HTTP: a project from an accepted proposal to completion, the
 * envelope never exceeded under concurrent allocations, and a reservation left behind by a crash
 * returned to the budget.
 */
class ProjectBudgetIT {

    @TempDir
    static Path dataDir;
    static KyodoTestApp app;

    @BeforeAll
    static void start() {
        app = KyodoTestApp.start(dataDir, "--kyodo.budgets.reservation-timeout=1s",
                "--db-scheduler.polling-interval=1s");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** A city-wide account of that role. */
    private static WebTestClient as(String role) {
        return app.as(role, null);
    }

    private static WebTestClient as(String role, String ward) {
        return app.as(role, ward);
    }

    private static Map<?, ?> post(WebTestClient http, String path, Object body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().is2xxSuccessful()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private static void setEnvelope(String ward, int year, long yen) {
        as("ADMIN").put().uri("/api/ward-budgets/{w}/{y}", ward, year).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("envelopeYen", yen, "reason", "当初予算")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(ward + "-" + year);
    }

    private static String approvedProject(String ward, Map<String, Object> origin) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("ward", ward, "fiscalYear", 2025,
                "title", "駅前駐輪場の拡張", "theme", "交通", "programme", "WARD_LOCAL_ISSUE",
                "leadDepartment", "区役所 地域振興課"));
        if (origin != null) {
            body.put("origin", origin);
        }
        String id = (String) post(as("STAFF"), "/api/projects", body).get("id");
        post(as("WARD_HEAD", ward), "/api/projects/" + id + "/approval", Map.of("reason", "地域課題として優先"));
        return id;
    }

    private static long reservedOn(String budgetId) {
        DomainEventStream stream = app.context().getBean(EventStore.class).readEvents(budgetId, 0);
        long reserved = 0;
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof FundsReserved r) {
                reserved += r.amount().amount();
            } else if (payload instanceof FundsReleased r) {
                reserved -= r.amount().amount();
            }
        }
        return reserved;
    }

    @Test
    void aProjectGoesFromAnAcceptedProposalThroughPartnersAgreementAndMoneyToCompletion() {
        setEnvelope("saiwai", 2025, 55_000_000);
        String proposal = (String) post(app.http(), "/api/proposals", Requests.proposal()).get("id");
        post(app.http(), "/api/proposals/" + proposal + "/acknowledgement", Map.of("department", "地域振興課"));
        post(app.http(), "/api/proposals/" + proposal + "/decision", Map.of("outcome", "ACCEPTED",
                "reason", "駐輪場を拡張します"));

        String project = approvedProject("saiwai", Map.of("proposalId", proposal));
        String base = "/api/projects/" + project;
        String company = (String) post(as("STAFF"), base + "/partners", Map.of("name", "株式会社 例", "type", "COMPANY",
                "role", "用地提供")).get("partnerId");
        String citizens = (String) post(as("STAFF"), base + "/partners", Map.of("name", "駅前をよくする会",
                "type", "CITIZEN_GROUP", "role", "利用者調査")).get("partnerId");
        String city = (String) post(as("STAFF"), base + "/partners", Map.of("name", "幸区役所", "type", "CITY_DEPARTMENT",
                "role", "調整")).get("partnerId");
        assertThat(post(as("STAFF"), base + "/agreements", Map.of("title", "駐輪場拡張に関する三者覚書",
                "partyIds", List.of(company, citizens, city), "signedOn", "2025-05-10")).get("agreementId")).isNotNull();
        as("STAFF").post().uri(base + "/budget-allocations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("amountYen", 10_000_000, "reason", "整備費")).exchange()
                .expectStatus().isForbidden();
        assertThat(post(as("WARD_HEAD", "saiwai"), base + "/budget-allocations", Map.of("amountYen", 10_000_000,
                "reason", "整備費")).get("allocationId")).isNotNull();
        post(as("STAFF"), base + "/expenditures", Map.of("amountYen", 4_000_000, "description", "ラック設置",
                "spentOn", "2025-08-01"));
        as("STAFF").post().uri(base + "/expenditures").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("amountYen", 6_000_001, "description", "超過", "spentOn", "2025-08-02")).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/expenditure-exceeds-allocation")
                .jsonPath("$.remainingYen").isEqualTo(6_000_000);
        post(as("STAFF"), base + "/targets", Map.of("name", "駐輪台数", "unit", "台", "baseline", 54_092,
                "targets", Map.of("2025", 60_000)));
        post(as("STAFF"), base + "/actuals", Map.of("target", "駐輪台数", "fiscalYear", 2025, "value", 58_000));
        post(as("STAFF"), base + "/progress-reports", Map.of("text", "ラックを設置しました"));
        post(as("STAFF"), base + "/self-evaluation", Map.of("rating", 4, "text", "目標の多くを達成"));
        post(as("STAFF"), base + "/completion", Map.of("summary", "駐輪台数を58,000台に拡張"));
        as("STAFF").post().uri(base + "/progress-reports").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "完了後")).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/project-closed");

        assertThat(reservedOn("saiwai-2025")).isEqualTo(10_000_000);
        // launched 0, approved 1, 3 partners 2-4, agreement 5, allocation 6, expenditure 7, target 8,
        // actual 9, progress 10, evaluation 11, completion 12
        app.http().get().uri("/api/projects/{id}?minVersion=12", project).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("COMPLETED")
                .jsonPath("$.allocatedYen").isEqualTo(10_000_000)
                .jsonPath("$.spentYen").isEqualTo(4_000_000)
                .jsonPath("$.remainingYen").isEqualTo(6_000_000);
        KyodoTestApp.eventually(() -> app.http().get().uri("/public/ward-budgets/saiwai/2025").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.envelopeYen").isEqualTo(55_000_000)
                .jsonPath("$.allocatedYen").isEqualTo(10_000_000)
                .jsonPath("$.spentYen").isEqualTo(4_000_000));
        KyodoTestApp.eventually(() -> app.http().get().uri("/public/proposals/{id}", proposal).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.projects[0].projectId").isEqualTo(project));
    }

    @Test
    void concurrentAllocationsNeverExceedTheEnvelope() throws Exception {
        setEnvelope("tama", 2025, 10_000_000);
        List<String> projects = List.of(approvedProject("tama", null), approvedProject("tama", null),
                approvedProject("tama", null));
        AtomicInteger granted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        WebTestClient head = as("WARD_HEAD", "tama");
        // the clients get threads of their own: the app in this JVM needs Reactor's shared pools
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(15);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                int n = i;
                answers.add(clients.submit(() -> head.post()
                        .uri("/api/projects/{id}/budget-allocations", projects.get(n % 3))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("amountYen", 1_000_000, "reason", "並行配分 " + n)).exchange()
                        .expectBody(String.class).returnResult().getStatus().value()));
            }
            for (java.util.concurrent.Future<Integer> answer : answers) {
                int status = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(status).isIn(200, 409);
                (status == 200 ? granted : refused).incrementAndGet();
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(granted.get()).isEqualTo(10);
        assertThat(refused.get()).isEqualTo(20);
        assertThat(reservedOn("tama-2025")).isEqualTo(10_000_000);
        as("WARD_HEAD", "tama").post().uri("/api/projects/{id}/budget-allocations", projects.get(0))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("amountYen", 1, "reason", "一円")).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/budget-envelope-exceeded")
                .jsonPath("$.availableYen").isEqualTo(0);
    }

    @Test
    void aReservationLeftBehindByACrashReturnsToTheBudget() throws InterruptedException {
        setEnvelope("asao", 2025, 5_000_000);
        String project = approvedProject("asao", null);
        // the process "dies" after the budget reserved and before the project recorded the allocation
        app.context().getBean(CommandGateway.class).sendAndWait(new kyodo.command.budget.ReserveFunds("asao-2025",
                "crashed-allocation", project, Yen.of(5_000_000), Instant.now()));
        assertThat(reservedOn("asao-2025")).isEqualTo(5_000_000);

        for (int i = 0; i < 200 && reservedOn("asao-2025") != 0; i++) {
            Thread.sleep(100);
        }
        assertThat(reservedOn("asao-2025")).as("expired reservation released").isZero();
        assertThat(post(as("WARD_HEAD", "asao"), "/api/projects/" + project + "/budget-allocations",
                Map.of("amountYen", 5_000_000, "reason", "再配分")).get("allocationId")).isNotNull();
        assertThat(reservedOn("asao-2025")).isEqualTo(5_000_000);
    }

    @Test
    void aStaleAllocationIsRefusedBeforeAnythingIsReserved() {
        setEnvelope("miyamae", 2025, 5_000_000);
        String project = approvedProject("miyamae", null);
        long events = app.storedEvents();
        as("WARD_HEAD", "miyamae").post().uri("/api/projects/{id}/budget-allocations", project)
                .contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"0\"")
                .bodyValue(Map.of("amountYen", 1_000_000, "reason", "古い版")).exchange()
                .expectStatus().isEqualTo(412)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/stale-version");
        assertThat(app.storedEvents()).as("no reservation and release").isEqualTo(events);
        assertThat(reservedOn("miyamae-2025")).isZero();
    }
}
