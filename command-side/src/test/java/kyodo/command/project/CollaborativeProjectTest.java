package kyodo.command.project;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.Yen;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.project.ActualRecorded;
import kyodo.kernel.project.AgreementSigned;
import kyodo.kernel.project.BudgetAllocated;
import kyodo.kernel.project.ExpenditureRecorded;
import kyodo.kernel.project.PartnerAdded;
import kyodo.kernel.project.PartnerType;
import kyodo.kernel.project.ProjectApproved;
import kyodo.kernel.project.ProjectCompleted;
import kyodo.kernel.project.ProjectLaunched;
import kyodo.kernel.project.ProjectOrigin;
import kyodo.kernel.project.ProjectProgramme;
import kyodo.kernel.project.ProjectTerminated;
import kyodo.kernel.project.TargetSet;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

class CollaborativeProjectTest {

    private static final String ID = "pj-1";
    private static final String BUDGET = "takatsu-2013";
    private static final StaffRef CLERK = new StaffRef("s-1", "STAFF");
    private static final StaffRef HEAD = new StaffRef("s-2", "WARD_HEAD");
    private static final Instant AT = Instant.parse("2013-05-10T01:00:00Z");

    private FixtureConfiguration<CollaborativeProject> fixture;
    private final Set<String> accepted = new HashSet<>();
    private final Set<String> released = new HashSet<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CollaborativeProject.class);
        fixture.registerInjectableResource(new ProjectRecords() {
            public boolean proposalAccepted(String proposalId) {
                return accepted.contains(proposalId);
            }

            public boolean resolutionAdopted(String meetingId, String resolutionId) {
                return "m-1".equals(meetingId) && "r-1".equals(resolutionId);
            }

            public boolean allocationReleased(String budgetId, String allocationId) {
                return released.contains(allocationId);
            }

            public Optional<Place> placeOf(String projectId) {
                return Optional.empty();
            }
        });
    }

    private static ProjectLaunched launched(ProjectOrigin origin) {
        return new ProjectLaunched(ID, Ward.TAKATSU, FiscalYear.of(2013), "久末東の樹林地保全", "緑地保全",
                ProjectProgramme.COLLABORATIVE, origin, "高津区役所 地域振興課", AT, CLERK);
    }

    private static LaunchProject launch(ProjectOrigin origin) {
        return new LaunchProject(ID, Ward.TAKATSU, FiscalYear.of(2013), "久末東の樹林地保全", "緑地保全",
                ProjectProgramme.COLLABORATIVE, origin, "高津区役所 地域振興課", AT, CLERK);
    }

    private static Decision decision(String id, DecisionKind kind, DecisionOutcome outcome, String reason, StaffRef by) {
        return new Decision(id, SubjectType.PROJECT, ID, Ward.TAKATSU, kind, outcome, reason, by, AT, null);
    }

    private static ProjectApproved approved() {
        return new ProjectApproved(ID, decision("d-a", DecisionKind.PROJECT_APPROVAL, DecisionOutcome.APPROVED, "承認", HEAD));
    }

    private static BudgetAllocated allocated(long yen) {
        return new BudgetAllocated(ID, "al-1", BUDGET, Yen.of(yen), decision("d-b", DecisionKind.BUDGET_ALLOCATION,
                DecisionOutcome.ALLOCATED, "樹林地保全のため", HEAD));
    }

    private static Matcher<Throwable> refused(String slug) {
        return org.axonframework.test.matchers.Matchers.predicate(e ->
                e instanceof KyodoProblemException problem && problem.type().slug().equals(slug));
    }

    @Test
    void aDepartmentCanLaunchAProjectOfItsOwn() {
        fixture.givenNoPriorActivity()
                .when(launch(null))
                .expectEvents(launched(ProjectOrigin.DEPARTMENT_INITIATIVE));
    }

    @Test
    void aProjectFromAProposalNeedsTheProposalAccepted() {
        fixture.givenNoPriorActivity()
                .when(launch(new ProjectOrigin("pr-1", null, null)))
                .expectException(refused("origin-proposal-not-accepted"));
        accepted.add("pr-1");
        fixture.givenNoPriorActivity()
                .when(launch(new ProjectOrigin("pr-1", null, null)))
                .expectEvents(launched(new ProjectOrigin("pr-1", null, null)));
    }

    @Test
    void aProjectFromAResolutionNeedsItAdopted() {
        fixture.givenNoPriorActivity()
                .when(launch(new ProjectOrigin(null, "m-1", "r-2")))
                .expectException(refused("origin-resolution-not-adopted"));
    }

    @Test
    void aThreePartyAgreementIsSignedByPartners() {
        List<String> parties = List.of("company", "citizens", "city");
        fixture.given(launched(null),
                        new PartnerAdded(ID, "company", "株式会社 例", PartnerType.COMPANY, "資金・人材", AT, CLERK),
                        new PartnerAdded(ID, "citizens", "樹林地を守る会", PartnerType.CITIZEN_GROUP, "保全活動", AT, CLERK),
                        new PartnerAdded(ID, "city", "高津区役所", PartnerType.CITY_DEPARTMENT, "調整", AT, CLERK))
                .when(new SignAgreement(ID, null, "ag-1", "d-s", "樹林地保全に関する覚書", parties, LocalDate.of(2013, 5, 10),
                        AT, CLERK))
                .expectEvents(new AgreementSigned(ID, "ag-1", "樹林地保全に関する覚書", parties, LocalDate.of(2013, 5, 10),
                        decision("d-s", DecisionKind.AGREEMENT, DecisionOutcome.SIGNED, "樹林地保全に関する覚書", CLERK)));
    }

    @Test
    void noAgreementWithAPartyThatIsNotAPartner() {
        fixture.given(launched(null), new PartnerAdded(ID, "citizens", "樹林地を守る会", PartnerType.CITIZEN_GROUP, "保全",
                        AT, CLERK))
                .when(new SignAgreement(ID, null, "ag-1", "d-s", "覚書", List.of("citizens", "stranger"),
                        LocalDate.of(2013, 5, 10), AT, CLERK))
                .expectException(refused("agreement-party-not-partner"));
    }

    @Test
    void anAgreementNeedsTwoDifferentParties() {
        fixture.given(launched(null), new PartnerAdded(ID, "citizens", "会", PartnerType.CITIZEN_GROUP, "保全", AT, CLERK))
                .when(new SignAgreement(ID, null, "ag-1", "d-s", "覚書", List.of("citizens", "citizens"),
                        LocalDate.of(2013, 5, 10), AT, CLERK))
                .expectException(refused("invalid-input"));
    }

    @Test
    void onlyTheWardHeadApprovesAWardProject() {
        fixture.given(launched(null))
                .when(new ApproveProject(ID, null, "d-a", "承認", AT, CLERK))
                .expectException(refused("forbidden"));
    }

    @Test
    void noAllocationBeforeApproval() {
        fixture.given(launched(null))
                .when(new RecordAllocation(ID, null, "al-1", "d-b", BUDGET, Yen.of(1_000_000), "保全", AT, HEAD))
                .expectException(refused("project-not-approved"));
    }

    @Test
    void theWardHeadAllocatesToAnApprovedProject() {
        fixture.given(launched(null), approved())
                .when(new RecordAllocation(ID, null, "al-1", "d-b", BUDGET, Yen.of(1_000_000), "樹林地保全のため", AT, HEAD))
                .expectEvents(allocated(1_000_000));
    }

    @Test
    void anAllocationIsRecordedOnce() {
        fixture.given(launched(null), approved(), allocated(1_000_000))
                .when(new RecordAllocation(ID, null, "al-1", "d-b", BUDGET, Yen.of(1_000_000), "again", AT, HEAD))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anExpiredReservationCannotBeRecorded() {
        released.add("al-1");
        fixture.given(launched(null), approved())
                .when(new RecordAllocation(ID, null, "al-1", "d-b", BUDGET, Yen.of(1_000_000), "遅すぎた", AT, HEAD))
                .expectException(refused("allocation-released"));
    }

    @Test
    void noExpenditureBeyondTheAllocation() {
        fixture.given(launched(null), approved(), allocated(1_000_000),
                        new ExpenditureRecorded(ID, "e-1", Yen.of(900_000), "苗木", LocalDate.of(2013, 6, 1), AT, CLERK))
                .when(new RecordExpenditure(ID, null, "e-2", Yen.of(100_001), "道具", LocalDate.of(2013, 6, 2), AT, CLERK))
                .expectNoEvents()
                .expectException(refused("expenditure-exceeds-allocation"));
    }

    @Test
    void spendingExactlyTheAllocationIsFine() {
        fixture.given(launched(null), approved(), allocated(1_000_000))
                .when(new RecordExpenditure(ID, null, "e-1", Yen.of(1_000_000), "苗木", LocalDate.of(2013, 6, 1), AT, CLERK))
                .expectEvents(new ExpenditureRecorded(ID, "e-1", Yen.of(1_000_000), "苗木", LocalDate.of(2013, 6, 1), AT,
                        CLERK));
    }

    @Test
    void actualsNeedTheirTarget() {
        fixture.given(launched(null))
                .when(new RecordActual(ID, null, "駐輪場", 2013, 55_000, AT, CLERK))
                .expectException(refused("project-target-unknown"));
        fixture.given(launched(null), new TargetSet(ID, "駐輪場", "台", 54_092, Map.of(2015, 60_000L), AT, CLERK))
                .when(new RecordActual(ID, null, "駐輪場", 2013, 55_000, AT, CLERK))
                .expectEvents(new ActualRecorded(ID, "駐輪場", 2013, 55_000, AT, CLERK));
    }

    @Test
    void terminationReturnsTheUnspentAllocation() {
        fixture.given(launched(null), approved(), allocated(1_000_000),
                        new ExpenditureRecorded(ID, "e-1", Yen.of(300_000), "苗木", LocalDate.of(2013, 6, 1), AT, CLERK))
                .when(new TerminateProject(ID, null, "d-t", "地権者の事情により中止", AT, CLERK))
                .expectEvents(new ProjectTerminated(ID, Yen.of(700_000), BUDGET, decision("d-t",
                        DecisionKind.PROJECT_TERMINATION, DecisionOutcome.TERMINATED, "地権者の事情により中止", CLERK)));
    }

    @Test
    void aCompletedProjectTakesNoFurtherChanges() {
        ProjectCompleted completed = new ProjectCompleted(ID, decision("d-c", DecisionKind.PROJECT_COMPLETION,
                DecisionOutcome.COMPLETED, "保全完了", CLERK));
        fixture.given(launched(null), completed)
                .when(new PostProgressReport(ID, null, "報告", AT, CLERK))
                .expectException(refused("project-closed"));
    }

    @Test
    void aSelfEvaluationRatesFromOneToFive() {
        fixture.given(launched(null))
                .when(new SelfEvaluate(ID, null, 6, "とてもよい", AT, CLERK))
                .expectException(refused("invalid-input"));
    }
}
