package kyodo.ops;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import kyodo.kernel.StaffRef;
import kyodo.kernel.access.Actor;
import kyodo.kernel.access.Role;
import kyodo.query.analytics.AnalyticsRow;
import kyodo.query.analytics.AnalyticsRows;
import kyodo.query.history.EventStory;
import kyodo.query.history.FeatureHistory;
import kyodo.query.history.PublicData;
import kyodo.query.history.SubjectState;
import kyodo.query.platform.BatchedProjection;
import kyodo.query.platform.BatchedWrites;
import kyodo.query.platform.PendingWrites;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.search.SearchTokens;
import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The layout is the architecture: the two sides meet only through the shared kernel. */
class ArchitectureTest {

    static JavaClasses kyodo;

    @BeforeAll
    static void importClasses() {
        kyodo = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("kyodo");
    }

    @Test
    void theQuerySideNeverDependsOnTheCommandSide() {
        noClasses().that().resideInAPackage("kyodo.query..")
                .should().dependOnClassesThat().resideInAPackage("kyodo.command..")
                .check(kyodo);
    }

    /**
     * On the query side dependencies point one way, {@code web → feature → platform/listing → kernel}:
     * a feature (its projections, views, list queries) answers in domain values and never knows the
     * HTTP edge, its own {@code web} package included, nor Spring's HTTP types. Parsing a list's
     * parameters and who may open personal data live in {@code kyodo.query.listing}.
     */
    @Test
    void queryFeaturesNeverDependOnTheWeb() {
        noClasses().that().resideInAPackage("kyodo.query..").and().resideOutsideOfPackage("..web..")
                .should().dependOnClassesThat().resideInAnyPackage("..web..", "org.springframework.http..")
                .check(kyodo);
    }

    /**
     * Every query-side projection writes through the shared batching, so that each one writes its
     * batch before the processor stores the batch's position (ADR 13): a projection of the read store
     * extends {@link BatchedProjection} (processing group, collection, batched writes, reset), one that
     * writes elsewhere (the decision log) uses {@link BatchedWrites}; and only the platform touches
     * Axon's unit of work or the pending writes it carries.
     */
    @Test
    void queryProjectionsWriteThroughTheSharedBatching() {
        classes().that().resideInAPackage("kyodo.query..").and().areAnnotatedWith(ProcessingGroup.class)
                .should().beAssignableTo(BatchedProjection.class)
                .orShould().dependOnClassesThat().areAssignableTo(BatchedWrites.class)
                .check(kyodo);
        classes().that().resideInAPackage("kyodo.query..").and().areAnnotatedWith(ProcessingGroup.class)
                .and(DescribedPredicate.describe("use the read store", type -> type.getDirectDependenciesFromSelf()
                        .stream().anyMatch(dependency -> dependency.getTargetClass().isAssignableTo(ReadStore.class))))
                .should().beAssignableTo(BatchedProjection.class)
                .check(kyodo);
        noClasses().that().resideInAPackage("kyodo.query..").and().resideOutsideOfPackage("kyodo.query.platform")
                .should().dependOnClassesThat().resideInAPackage("org.axonframework.messaging.unitofwork..")
                .orShould().dependOnClassesThat().belongToAnyOf(PendingWrites.class)
                .check(kyodo);
    }

    /** The query side's feature packages; {@code search} and {@code history} serve the others. */
    private static final List<String> QUERY_FEATURES = List.of("proposal", "meeting", "project", "budget",
            "analytics", "audit", "dashboard", "search", "history");

    /**
     * Query-side features meet only through kernel messages: each projects the events it needs into its
     * own read models, so a feature package never uses another's classes, except for the links named here
     * with their reasons:
     * <ul>
     * <li>every feature → {@code history}'s plug-in types: a feature tells and replays its own events for
     * the public history ({@link FeatureHistory}, ADR 20);</li>
     * <li>{@code proposal}, {@code meeting}, {@code project} → {@link SearchTokens}: stored texts and the
     * words searched for are cut into tokens by one tokenizer, else a search would miss;</li>
     * <li>{@code dashboard} → {@link AnalyticsRows}: the public figures are read through the analyst read
     * models, so that the dashboard and the exports never disagree.</li>
     * </ul>
     */
    @Test
    void queryFeaturesMeetOnlyThroughKernelMessages() {
        Set<Class<?>> everyFeature = Set.of(FeatureHistory.class, EventStory.class, PublicData.class,
                SubjectState.class);
        Map<String, Set<Class<?>>> links = Map.of(
                "proposal", Set.of(SearchTokens.class),
                "meeting", Set.of(SearchTokens.class),
                "project", Set.of(SearchTokens.class),
                "dashboard", Set.of(AnalyticsRows.class, AnalyticsRow.class));
        for (String feature : QUERY_FEATURES) {
            Set<Class<?>> allowed = new HashSet<>(everyFeature);
            allowed.addAll(links.getOrDefault(feature, Set.of()));
            noClasses().that().resideInAPackage("kyodo.query." + feature + "..")
                    .should().dependOnClassesThat(DescribedPredicate.describe(
                            "belong to another query feature, beyond the links named for " + feature,
                            target -> QUERY_FEATURES.stream().filter(other -> !other.equals(feature))
                                    .anyMatch(other -> inPackage(target, "kyodo.query." + other))
                                    && allowed.stream().noneMatch(link -> target.isEquivalentTo(link)
                                    || target.getName().startsWith(link.getName() + "$"))))
                    .check(kyodo);
        }
    }

    private static boolean inPackage(JavaClass type, String root) {
        return type.getPackageName().equals(root) || type.getPackageName().startsWith(root + ".");
    }

    @Test
    void theCommandSideNeverDependsOnTheQuerySide() {
        noClasses().that().resideInAPackage("kyodo.command..")
                .should().dependOnClassesThat().resideInAPackage("kyodo.query..")
                .check(kyodo);
    }

    /**
     * Command-side features meet only through kernel messages (ADR 19): a feature hears of another by
     * its events and asks it through a kernel port ({@code kernel.meeting.MeetingDirectory}); a policy
     * lives with the command it sends ({@code proposal.ResolutionDecidesProposal},
     * {@code budget.TerminationReturnsFunds}). The one link allowed, by name: a project allocates its
     * money from the ward budget, two aggregates kept consistent by the project feature (ADR 9).
     */
    @Test
    void commandFeaturesMeetOnlyThroughKernelMessages() {
        List<String> features = List.of("proposal", "meeting", "project", "budget", "personal");
        String projectAllocatesFromBudget = "project→budget";
        for (String feature : features) {
            for (String other : features) {
                if (feature.equals(other) || projectAllocatesFromBudget.equals(feature + "→" + other)) {
                    continue;
                }
                noClasses().that().resideInAPackage("kyodo.command." + feature + "..")
                        .should().dependOnClassesThat().resideInAPackage("kyodo.command." + other + "..")
                        .because("features meet only through kernel messages; only " + projectAllocatesFromBudget
                                + " is allowed")
                        .check(kyodo);
            }
        }
    }

    /**
     * On the command side dependencies point one way, {@code web → feature → (sending, access) → kernel}
     * (ADR 19): only the HTTP edge ({@code web} and each feature's {@code web} folder) knows HTTP, and
     * nothing else knows the edge. A feature service takes an {@code Actor} and answers domain values.
     */
    @Test
    void onTheCommandSideOnlyTheWebFoldersKnowHttp() {
        noClasses().that().resideInAPackage("kyodo.command..").and().resideOutsideOfPackage("kyodo.command..web..")
                .should().dependOnClassesThat().resideInAPackage("kyodo.command..web..")
                .check(kyodo);
        noClasses().that().resideInAPackage("kyodo.command..").and().resideOutsideOfPackage("kyodo.command..web..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..",
                        "org.springframework.http..", "org.springframework.security..", "reactor.netty..", "io.netty..")
                .check(kyodo);
    }

    /**
     * One place sends commands (ADR 19): {@code kyodo.command.sending} alone uses Axon's command gateway
     * and builds command messages (metadata with the actor, the ward scope, the timeout, the command
     * threads); the HTTP edge never touches Axon, it hands its commands to the sending package and maps
     * what comes back.
     */
    @Test
    void onlyTheSendingPackageSendsCommands() {
        noClasses().that().resideInAPackage("kyodo.command..").and().resideOutsideOfPackage("kyodo.command.sending..")
                .should().dependOnClassesThat().resideInAPackage("org.axonframework.commandhandling.gateway..")
                .orShould().dependOnClassesThat().belongToAnyOf(org.axonframework.commandhandling.CommandBus.class,
                        org.axonframework.commandhandling.GenericCommandMessage.class)
                .check(kyodo);
        noClasses().that().resideInAPackage("kyodo.command..web..")
                .should().dependOnClassesThat().resideInAPackage("org.axonframework..")
                .check(kyodo);
    }

    /**
     * The kernel knows neither side, nor Spring or Axon; the one exception is {@code kernel.problem.web},
     * which writes a problem on a WebFlux exchange for both sides and the security edge (ADR 16) and so
     * knows Spring's web types and Reactor, and nothing else of Spring.
     */
    @Test
    void theSharedKernelDependsOnNeitherSideNorOnSpringOrAxon() {
        noClasses().that().resideInAPackage("kyodo.kernel..").and().resideOutsideOfPackage("kyodo.kernel.problem.web")
                .should().dependOnClassesThat().resideInAnyPackage("kyodo.command..", "kyodo.query..", "kyodo.ops..",
                        "org.springframework..", "org.axonframework..", "reactor..")
                .check(kyodo);
        classes().that().resideInAPackage("kyodo.kernel.problem.web")
                .should().onlyDependOnClassesThat().resideInAnyPackage("kyodo.kernel..", "java..",
                        "org.springframework.http..", "org.springframework.web.server..", "org.springframework.core.io.buffer..",
                        "org.springframework.context.i18n..", "reactor.core.publisher..")
                .check(kyodo);
    }

    /**
     * Each feature describes and replays its own events for the public history; the history knows
     * only the interface they plug in through, and no feature's events, so a new event field
     * touches the feature's folder and the kernel alone.
     */
    @Test
    void theHistoryKnowsNoFeatureOnlyTheInterfaceTheyPlugInThrough() {
        noClasses().that().resideInAPackage("kyodo.query.history..")
                .should().dependOnClassesThat().resideInAnyPackage("kyodo.query.proposal..", "kyodo.query.meeting..",
                        "kyodo.query.project..", "kyodo.query.budget..", "kyodo.query.dashboard..",
                        "kyodo.query.analytics..", "kyodo.query.audit..")
                .check(kyodo);
        noClasses().that().resideInAPackage("kyodo.query.history..")
                .should().dependOnClassesThat().resideInAnyPackage("kyodo.kernel.proposal..", "kyodo.kernel.meeting..",
                        "kyodo.kernel.project..")
                .check(kyodo);
        classes().that().areAssignableTo(FeatureHistory.class)
                .and().doNotHaveFullyQualifiedName(FeatureHistory.class.getName())
                .should().resideOutsideOfPackage("kyodo.query.history..")
                .check(kyodo);
    }

    /**
     * Who may do what on the command side is answered in {@code kyodo.command.access} alone: no other
     * command-side class uses {@link Role} (its constants, {@code fromName}, {@code valueOf}) nor reads
     * the role of a {@link StaffRef} or an {@link Actor}, which is what comparing role names needs.
     * Commands point at a permission ({@code @Requires}); aggregates and services ask
     * {@code CommandPermissions}.
     */
    @Test
    void onlyAccessNamesRolesOnTheCommandSide() {
        noClasses().that().resideInAPackage("kyodo.command..").and().resideOutsideOfPackage("kyodo.command.access..")
                .should().dependOnClassesThat().belongToAnyOf(Role.class)
                .orShould().callMethod(StaffRef.class, "role")
                .orShould().callMethod(Actor.class, "role")
                .check(kyodo);
    }

    /**
     * One renderer answers every failure (ADR 16): only the kernel's problem package turns a problem
     * into a body, and the security edge, which sits in front of both sides, uses no side's web classes.
     */
    @Test
    void onlyTheRendererWritesProblemsAndTheEdgeUsesNoSidesWebClasses() {
        noClasses().that().resideOutsideOfPackage("kyodo.kernel.problem")
                .should().callMethod(kyodo.kernel.problem.ProblemDetails.class, "toBody", java.util.Locale.class,
                        String.class)
                .check(kyodo);
        noClasses().that().resideInAPackage("kyodo.ops.security..")
                .should().dependOnClassesThat().resideInAnyPackage("kyodo.command..web..", "kyodo.query..web..")
                .check(kyodo);
    }

    @Test
    void aggregatesAreNotPublic() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that().areAnnotatedWith(org.axonframework.spring.stereotype.Aggregate.class)
                .should().notBePublic()
                .check(kyodo);
    }
}
