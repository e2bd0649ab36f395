package kyodo.ops;

import kyodo.kernel.Yen;
import kyodo.kernel.project.FundsReleased;
import kyodo.kernel.project.FundsReserved;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    @RegisterExtension
    static final RunningApp app = new RunningApp("--kyodo.budgets.reservation-timeout=1s",
            "--db-scheduler.polling-interval=1s");
    private static final Client staff = app.staff();
    private static final Client admin = app.as("ADMIN", null);

    private static Client wardHead(String ward) {
        return app.as("WARD_HEAD", ward);
    }

    /** Given: the ward's budget for that year holds that envelope. */
    private static void setEnvelope(String ward, int year, long yen) {
        admin.put("/api/ward-budgets/{w}/{y}", ward, year).body(Map.of("envelopeYen", yen, "reason", "当初予算"))
                .ok().json().jsonPath("$.id").isEqualTo(ward + "-" + year);
    }

    /** Given: a project in that ward, launched by staff and approved by the ward head; its id. */
    private static String approvedProject(String ward, Map<String, Object> origin) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("ward", ward, "fiscalYear", 2025,
                "title", "駅前駐輪場の拡張", "theme", "交通", "programme", "WARD_LOCAL_ISSUE",
                "leadDepartment", "区役所 地域振興課"));
        if (origin != null) {
            body.put("origin", origin);
        }
        String id = staff.created("/api/projects", body);
        wardHead(ward).post("/api/projects/{id}/approval", id).body(Map.of("reason", "地域課題として優先")).succeeds();
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
        String proposal = staff.acknowledgedProposal("地域振興課");
        staff.post("/api/proposals/{id}/decision", proposal).body(Map.of("outcome", "ACCEPTED",
                "reason", "駐輪場を拡張します")).succeeds();

        String project = approvedProject("saiwai", Map.of("proposalId", proposal));
        String base = "/api/projects/" + project;
        String company = (String) staff.post(base + "/partners")
                .body(Map.of("name", "株式会社 例", "type", "COMPANY", "role", "用地提供")).succeeds().get("partnerId");
        String citizens = (String) staff.post(base + "/partners").body(Map.of("name", "駅前をよくする会",
                "type", "CITIZEN_GROUP", "role", "利用者調査")).succeeds().get("partnerId");
        String city = (String) staff.post(base + "/partners")
                .body(Map.of("name", "幸区役所", "type", "CITY_DEPARTMENT", "role", "調整")).succeeds().get("partnerId");
        assertThat(staff.post(base + "/agreements").body(Map.of("title", "駐輪場拡張に関する三者覚書",
                "partyIds", List.of(company, citizens, city), "signedOn", "2025-05-10")).succeeds().get("agreementId"))
                .isNotNull();
        staff.post(base + "/budget-allocations").body(Map.of("amountYen", 10_000_000, "reason", "整備費"))
                .status(403);
        assertThat(wardHead("saiwai").post(base + "/budget-allocations").body(Map.of("amountYen", 10_000_000,
                "reason", "整備費")).succeeds().get("allocationId")).isNotNull();
        staff.post(base + "/expenditures").body(Map.of("amountYen", 4_000_000, "description", "ラック設置",
                "spentOn", "2025-08-01")).succeeds();
        staff.post(base + "/expenditures")
                .body(Map.of("amountYen", 6_000_001, "description", "超過", "spentOn", "2025-08-02"))
                .status(409).json().jsonPath("$.type").isEqualTo("/problems/expenditure-exceeds-allocation")
                .jsonPath("$.remainingYen").isEqualTo(6_000_000);
        staff.post(base + "/targets").body(Map.of("name", "駐輪台数", "unit", "台", "baseline", 54_092,
                "targets", Map.of("2025", 60_000))).succeeds();
        staff.post(base + "/actuals").body(Map.of("target", "駐輪台数", "fiscalYear", 2025, "value", 58_000))
                .succeeds();
        staff.post(base + "/progress-reports").body(Map.of("text", "ラックを設置しました")).succeeds();
        staff.post(base + "/self-evaluation").body(Map.of("rating", 4, "text", "目標の多くを達成")).succeeds();
        staff.post(base + "/completion").body(Map.of("summary", "駐輪台数を58,000台に拡張")).succeeds();
        staff.post(base + "/progress-reports").body(Map.of("text", "完了後"))
                .status(409).json().jsonPath("$.type").isEqualTo("/problems/project-closed");

        assertThat(reservedOn("saiwai-2025")).isEqualTo(10_000_000);
        // launched 0, approved 1, 3 partners 2-4, agreement 5, allocation 6, expenditure 7, target 8,
        // actual 9, progress 10, evaluation 11, completion 12
        staff.get("/api/projects/{id}?minVersion=12", project).ok().json()
                .jsonPath("$.status").isEqualTo("COMPLETED")
                .jsonPath("$.allocatedYen").isEqualTo(10_000_000)
                .jsonPath("$.spentYen").isEqualTo(4_000_000)
                .jsonPath("$.remainingYen").isEqualTo(6_000_000);
        KyodoTestApp.eventually(() -> staff.get("/public/ward-budgets/saiwai/2025").ok().json()
                .jsonPath("$.envelopeYen").isEqualTo(55_000_000)
                .jsonPath("$.allocatedYen").isEqualTo(10_000_000)
                .jsonPath("$.spentYen").isEqualTo(4_000_000));
        KyodoTestApp.eventually(() -> staff.get("/public/proposals/{id}", proposal).ok().json().jsonPath("$.projects[0].projectId").isEqualTo(project));
    }

    @Test
    void concurrentAllocationsNeverExceedTheEnvelope() throws Exception {
        setEnvelope("tama", 2025, 10_000_000);
        List<String> projects = List.of(approvedProject("tama", null), approvedProject("tama", null),
                approvedProject("tama", null));
        AtomicInteger granted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Client head = wardHead("tama");
        // the clients get threads of their own: the app in this JVM needs Reactor's shared pools
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(15);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                int n = i;
                answers.add(clients.submit(() -> head
                        .post("/api/projects/{id}/budget-allocations", projects.get(n % 3)).body(Map.of("amountYen", 1_000_000, "reason", "並行配分 " + n)).result().getStatus().value()));
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
        head.post("/api/projects/{id}/budget-allocations", projects.get(0))
                .body(Map.of("amountYen", 1, "reason", "一円"))
                .status(409).json().jsonPath("$.type").isEqualTo("/problems/budget-envelope-exceeded")
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
        assertThat(wardHead("asao").post("/api/projects/{id}/budget-allocations", project)
                .body(Map.of("amountYen", 5_000_000, "reason", "再配分")).succeeds().get("allocationId")).isNotNull();
        assertThat(reservedOn("asao-2025")).isEqualTo(5_000_000);
    }

    @Test
    void aStaleAllocationIsRefusedBeforeAnythingIsReserved() {
        setEnvelope("miyamae", 2025, 5_000_000);
        String project = approvedProject("miyamae", null);
        long events = app.storedEvents();
        wardHead("miyamae").post("/api/projects/{id}/budget-allocations", project).ifMatch(0)
                .body(Map.of("amountYen", 1_000_000, "reason", "古い版"))
                .status(412).json().jsonPath("$.type").isEqualTo("/problems/stale-version");
        assertThat(app.storedEvents()).as("no reservation and release").isEqualTo(events);
        assertThat(reservedOn("miyamae-2025")).isZero();
    }
}
