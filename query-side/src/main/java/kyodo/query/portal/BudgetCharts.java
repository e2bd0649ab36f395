package kyodo.query.portal;

import kyodo.query.budget.WardBudgetViews.WardBudgetView;
import kyodo.query.budget.WardBudgetViews.WardBudgetYear;
import org.springframework.context.MessageSource;

import java.util.List;
import java.util.Locale;

/**
 * The charts of the ward budget pages, drawn from the views the JSON API answers as they are: each
 * shows the figures of the table beside it and nothing else.
 */
public final class BudgetCharts extends PortalCharts {

    public BudgetCharts(MessageSource messages, Locale locale) {
        super(messages, locale);
    }

    /** What each ward has allocated to projects in the year. */
    public BarChart wards(WardBudgetYear year) {
        List<Long> values = year.items().stream().map(b -> b.allocatedYen()).toList();
        return BarChart.of("chart-wards", year.items().stream()
                .map(b -> english() ? b.wardNameEn() : b.wardNameJa()).toList(), values, yen(values));
    }

    /** The envelope and where it stands: set aside, spent, still available. */
    public BarChart budget(WardBudgetView b) {
        List<Long> values = List.of(b.envelopeYen(), b.reservedYen(), b.spentYen(), b.availableYen());
        return BarChart.of("chart-budget", List.of(text("figure.envelope"), text("budget.committed"),
                text("figure.spent"), text("budget.available")), values, yen(values));
    }
}
