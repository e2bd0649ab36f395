package kyodo.query.portal;

import kyodo.kernel.project.ProjectProgramme;
import kyodo.query.dashboard.DashboardFigures;
import kyodo.query.listing.ListParameters;
import org.springframework.context.MessageSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The home page's charts, drawn from the public dashboard's figures as they are: each chart shows
 * figures the page's table beside it lists; nothing is computed here that the dashboard does not
 * already answer, except the per-year totals of projects (the sum of the programmes' counts the
 * table shows).
 */
public final class HomeCharts extends PortalCharts {

    public HomeCharts(MessageSource messages, Locale locale) {
        super(messages, locale);
    }

    /** Proposals since the start: received, answered, open, overdue. */
    public BarChart proposals(DashboardFigures.ProposalFigures all) {
        List<Long> values = List.of(all.received(), all.answered(), all.open(), all.overdue());
        return BarChart.of("chart-proposals", List.of(text("figure.received"), text("figure.answered"),
                text("figure.open"), text("figure.overdue")), values, counts(values));
    }

    /** Projects per fiscal year, all programmes together. */
    public BarChart projectsByYear(Map<Integer, Map<String, Long>> byFiscalYear) {
        List<String> labels = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        byFiscalYear.forEach((year, programmes) -> {
            labels.add(fmt.fiscalYear(year));
            values.add(programmes.values().stream().mapToLong(Long::longValue).sum());
        });
        return BarChart.of("chart-projects", labels, values, counts(values));
    }

    /** The programmes in declaration order, for the projects table's columns. */
    public static List<String> programmes() {
        return ListParameters.names(ProjectProgramme.class);
    }

    /** The wards' budget envelopes per fiscal year, in yen. */
    public BarChart envelopes(Map<Integer, Long> byFiscalYear) {
        List<String> labels = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        byFiscalYear.forEach((year, yen) -> {
            labels.add(fmt.fiscalYear(year));
            values.add(yen);
        });
        return BarChart.of("chart-budgets", labels, values, yen(values));
    }

    /** Participants in meetings: this fiscal year and since the start. */
    public BarChart participants(DashboardFigures.Meetings meetings) {
        List<Long> values = List.of(meetings.thisFiscalYear().participants(), meetings.allTime().participants());
        return BarChart.of("chart-meetings", List.of(text("figure.thisFiscalYear"), text("figure.allTime")),
                values, counts(values));
    }

    /** Decisions in the public log by outcome. */
    public BarChart decisions(Map<String, Long> byOutcome) {
        List<String> labels = byOutcome.keySet().stream().map(o -> text("outcome." + o)).toList();
        List<Long> values = List.copyOf(byOutcome.values());
        return BarChart.of("chart-decisions", labels, values, counts(values));
    }
}
