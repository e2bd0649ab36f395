package kyodo.query.dashboard;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;
import kyodo.kernel.project.ProjectProgramme;
import kyodo.query.analytics.AnalyticsRow;
import kyodo.query.analytics.AnalyticsRows;
import kyodo.query.listing.ListParameters;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public dashboard's figures, read through the analyst read models (so the dashboard and the
 * exports never disagree), for the whole city or one ward, and a shared live feed of the city's.
 * <p>
 * Figures are computed from the analytics cells and kept with the read models' generations they
 * were computed at ({@link AnalyticsRows#generations()}): a request reads the generations (a few
 * small documents) and is answered from the kept figures while no read model moved, so a burst of
 * requests costs one computation, shared by every request that asks while it runs. The live feed
 * polls the same way every {@code kyodo.dashboard.poll-interval} (1 s) and passes figures on only
 * when one changed; a new subscriber gets the latest figures at once.
 */
@Component
public class PublicDashboard {

    /** The key of the city-wide figures among the kept ones. */
    private static final String CITY = "";

    private final AnalyticsRows rows;
    private final Clock clock;
    private final Flux<DashboardFigures> changes;
    /** Per ward code (or {@link #CITY}): the figures as of a generation, computed or being computed. */
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    public PublicDashboard(AnalyticsRows rows, Clock clock, DashboardSettings settings) {
        this.rows = rows;
        this.clock = clock;
        this.changes = Flux.interval(Duration.ZERO, settings.pollInterval())
                .onBackpressureDrop()
                .concatMap(tick -> figures(null).onErrorResume(e -> Mono.empty()), 1)
                .distinctUntilChanged()
                .replay(1)
                .refCount();
    }

    /** Figures as of what they were computed at: the read models' generations and the fiscal year. */
    private record Kept(Map<String, Long> generations, int fiscalYear, Mono<DashboardFigures> figures) {
    }

    /** The city's figures now. */
    public Mono<DashboardFigures> figures() {
        return figures(null);
    }

    /**
     * The ward the figures are asked for ({@code ?ward=}, a ward's code, read as every list reads it);
     * empty for the whole city. Any other parameter, or a value that is not a ward, is refused as
     * invalid input. The JSON dashboard and the portal's home page read it alike.
     */
    public static Optional<Ward> ward(Map<String, List<String>> params) {
        ListParameters in = new ListParameters(params);
        Ward ward = in.ward();
        in.done();
        return Optional.ofNullable(ward);
    }

    /**
     * The figures now, of one ward (every figure that has a ward: proposals, projects, budgets,
     * meetings and decisions of that ward) or of the whole city.
     *
     * @param ward a ward, or null for the whole city
     */
    public Mono<DashboardFigures> figures(Ward ward) {
        return rows.generations().flatMap(generations -> {
            FiscalYear year = FiscalYear.containing(clock.instant());
            String key = ward == null ? CITY : ward.code();
            Kept now = kept.compute(key, (k, before) -> before != null && before.fiscalYear() == year.startYear()
                    && before.generations().equals(generations) ? before
                    : new Kept(generations, year.startYear(), compute(ward, year).cache()));
            // A failed computation is not kept: the next request tries again.
            return now.figures().doOnError(e -> kept.remove(key, now));
        });
    }

    /** The figures computed from the rows: ten queries over the cells. */
    private Mono<DashboardFigures> compute(Ward ward, FiscalYear year) {
        String fy = Integer.toString(year.startYear());
        Map<String, String> all = ward == null ? Map.of() : Map.of("ward", ward.code());
        Map<String, String> thisYear = new HashMap<>(all);
        thisYear.put("fiscalYear", fy);
        return Mono.zip(List.of(
                total("proposals/summary", thisYear),
                total("proposals/summary", all),
                rows.rows("projects/counts", all, List.of("programme")).collectList(),
                rows.rows("projects/counts", thisYear, List.of("programme")).collectList(),
                total("budgets", thisYear),
                total("meetings/participation", thisYear),
                total("meetings/participation", all),
                rows.rows("decisions", all, List.of("outcome")).collectList(),
                rows.rows("projects/counts", all, List.of("fiscalYear", "programme")).collectList(),
                rows.rows("budgets", all, List.of("fiscalYear")).collectList()), parts -> {
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
            return new DashboardFigures(year.startYear(), year.labelJa(), ward == null ? null : ward.code(),
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

    /** The city's figures now and whenever one changes; never completes. */
    public Flux<DashboardFigures> changes() {
        return changes;
    }

    private Mono<AnalyticsRow> total(String readModel, Map<String, String> filters) {
        return rows.rows(readModel, filters, List.of()).single();
    }

    private static DashboardFigures.ProposalFigures proposals(AnalyticsRow row) {
        return new DashboardFigures.ProposalFigures(number(row, "received"), number(row, "decided"),
                number(row, "open"), number(row, "overdue"), (BigDecimal) row.values().get("medianDaysToAnswer"),
                number(row, "supports"));
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
