package kyodo.query.dashboard;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.project.ProjectProgramme;
import kyodo.query.analytics.AnalyticsRow;
import kyodo.query.analytics.AnalyticsRows;
import kyodo.query.web.ListParameters;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The public dashboard's figures, read through the analyst read models (so the dashboard and the
 * exports never disagree), and a shared live feed of them: one poll of the read models every
 * {@code kyodo.dashboard.poll-interval} (1 s), passed on only when a figure changed; a new
 * subscriber gets the latest figures at once.
 */
@Component
public class PublicDashboard {

    private final AnalyticsRows rows;
    private final Clock clock;
    private final Flux<DashboardFigures> changes;

    public PublicDashboard(AnalyticsRows rows, Clock clock,
                           @Value("${kyodo.dashboard.poll-interval:1s}") Duration pollInterval) {
        this.rows = rows;
        this.clock = clock;
        this.changes = Flux.interval(Duration.ZERO, pollInterval)
                .onBackpressureDrop()
                .concatMap(tick -> figures().onErrorResume(e -> Mono.empty()), 1)
                .distinctUntilChanged()
                .replay(1)
                .refCount();
    }

    /** The figures now. */
    public Mono<DashboardFigures> figures() {
        FiscalYear year = FiscalYear.containing(clock.instant());
        String fy = Integer.toString(year.startYear());
        return Mono.zip(List.of(
                total("proposals/summary", Map.of("fiscalYear", fy)),
                total("proposals/summary", Map.of()),
                rows.rows("projects/counts", Map.of(), List.of("programme")).collectList(),
                rows.rows("projects/counts", Map.of("fiscalYear", fy), List.of("programme")).collectList(),
                total("budgets", Map.of("fiscalYear", fy)),
                total("meetings/participation", Map.of("fiscalYear", fy)),
                total("meetings/participation", Map.of()),
                rows.rows("decisions", Map.of(), List.of("outcome")).collectList(),
                rows.rows("projects/counts", Map.of(), List.of("fiscalYear", "programme")).collectList(),
                rows.rows("budgets", Map.of(), List.of("fiscalYear")).collectList()), parts -> {
            @SuppressWarnings("unchecked")
            List<AnalyticsRow> allProjects = (List<AnalyticsRow>) parts[2];
            @SuppressWarnings("unchecked")
            List<AnalyticsRow> yearProjects = (List<AnalyticsRow>) parts[3];
            @SuppressWarnings("unchecked")
            List<AnalyticsRow> outcomes = (List<AnalyticsRow>) parts[7];
            AnalyticsRow budgets = (AnalyticsRow) parts[4];
            @SuppressWarnings("unchecked")
            List<AnalyticsRow> projectYears = (List<AnalyticsRow>) parts[8];
            @SuppressWarnings("unchecked")
            List<AnalyticsRow> budgetYears = (List<AnalyticsRow>) parts[9];
            Map<String, Long> byOutcome = new TreeMap<>();
            outcomes.forEach(r -> byOutcome.put((String) r.values().get("outcome"), number(r, "count")));
            return new DashboardFigures(year.startYear(), year.labelJa(),
                    new DashboardFigures.Proposals(proposals((AnalyticsRow) parts[0]),
                            proposals((AnalyticsRow) parts[1])),
                    new DashboardFigures.Projects(allProjects.stream().mapToLong(r -> number(r, "active")).sum(),
                            byProgramme(allProjects, "active"), byProgramme(yearProjects, "count"),
                            byFiscalYear(projectYears)),
                    new DashboardFigures.WardBudgets(number(budgets, "envelopeYen"), number(budgets, "allocatedYen"),
                            number(budgets, "spentYen"), (BigDecimal) budgets.values().get("utilisation"),
                            envelopes(budgetYears)),
                    new DashboardFigures.Meetings(meetings((AnalyticsRow) parts[5]),
                            meetings((AnalyticsRow) parts[6])),
                    new DashboardFigures.Decisions(byOutcome.values().stream().mapToLong(Long::longValue).sum(),
                            byOutcome));
        });
    }

    /** The figures now and whenever one changes; never completes. */
    public Flux<DashboardFigures> changes() {
        return changes;
    }

    private Mono<AnalyticsRow> total(String readModel, Map<String, String> filters) {
        return rows.rows(readModel, filters, List.of()).single();
    }

    private static DashboardFigures.ProposalFigures proposals(AnalyticsRow row) {
        return new DashboardFigures.ProposalFigures(number(row, "received"), number(row, "decided"),
                number(row, "open"), number(row, "overdue"), (BigDecimal) row.values().get("medianDaysToAnswer"));
    }

    private static DashboardFigures.MeetingFigures meetings(AnalyticsRow row) {
        return new DashboardFigures.MeetingFigures(number(row, "held"), number(row, "attendance"));
    }

    /** Every programme, in declaration order, zero where no row. */
    private static Map<String, Long> byProgramme(List<AnalyticsRow> rows, String measure) {
        Map<String, Long> counts = new LinkedHashMap<>();
        ListParameters.names(ProjectProgramme.class).forEach(p -> counts.put(p, 0L));
        rows.forEach(r -> counts.put((String) r.values().get("programme"), number(r, measure)));
        return counts;
    }

    /** Projects per fiscal year and programme; a project without a fiscal year is left out. */
    private static Map<Integer, Map<String, Long>> byFiscalYear(List<AnalyticsRow> rows) {
        Map<Integer, Map<String, Long>> years = new TreeMap<>();
        rows.forEach(r -> {
            Object year = r.values().get("fiscalYear");
            if (year instanceof Number n) {
                years.computeIfAbsent(n.intValue(), y -> new TreeMap<>())
                        .put((String) r.values().get("programme"), number(r, "count"));
            }
        });
        return years;
    }

    /** The wards' envelopes added up per fiscal year, for the years that have one. */
    private static Map<Integer, Long> envelopes(List<AnalyticsRow> rows) {
        Map<Integer, Long> years = new TreeMap<>();
        rows.forEach(r -> {
            Object year = r.values().get("fiscalYear");
            long envelope = number(r, "envelopeYen");
            if (year instanceof Number n && envelope > 0) {
                years.put(n.intValue(), envelope);
            }
        });
        return years;
    }

    private static long number(AnalyticsRow row, String measure) {
        return ((Number) row.values().get(measure)).longValue();
    }
}
