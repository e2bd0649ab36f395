package kyodo.query.portal;

import kyodo.query.project.ProjectViews.Target;
import org.springframework.context.MessageSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The charts of a project's page, drawn from the public view as it is: each shows the figures of the
 * table beside it and nothing else.
 */
public final class ProjectCharts extends PortalCharts {

    public ProjectCharts(MessageSource messages, Locale locale) {
        super(messages, locale);
    }

    /** The money: allocated, spent, remaining. */
    public BarChart money(long allocatedYen, long spentYen, long remainingYen) {
        List<Long> values = List.of(allocatedYen, spentYen, Math.max(0, remainingYen));
        return BarChart.of("chart-money", List.of(text("project.allocated"), text("project.spent"),
                text("project.remaining")), values, yen(values));
    }

    /** A target per fiscal year: the value aimed at, then the value reached where one was recorded. */
    public BarChart target(int index, Target target) {
        List<String> labels = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        for (int year : years(target)) {
            Long aimed = target.targets().get(year);
            Long reached = target.actuals().get(year);
            if (aimed != null) {
                labels.add(text("project.targetOf", fmt.fiscalYear(year)));
                values.add(aimed);
            }
            if (reached != null) {
                labels.add(text("project.actualOf", fmt.fiscalYear(year)));
                values.add(reached);
            }
        }
        return BarChart.of("chart-target-" + index, labels, values,
                values.stream().map(v -> fmt.number(v) + " " + target.unit()).toList());
    }

    /** The fiscal years with a target or an actual, in order: the rows of a target's table. */
    public static Set<Integer> years(Target target) {
        Set<Integer> years = new TreeSet<>(target.targets().keySet());
        years.addAll(target.actuals().keySet());
        return years;
    }
}
