package kyodo.query.portal;

import java.util.List;

/**
 * A horizontal bar chart drawn as inline SVG, with the same figures in a table beside it: bar
 * lengths are SVG attributes, so the page needs no style attribute (CSP) and no script.
 *
 * @param id   unique on the page, to tie the chart to its caption
 * @param bars the bars, in the order shown
 */
public record BarChart(String id, List<Bar> bars) {

    /** Width of the whole chart in SVG user units. */
    public static final int WIDTH = 600;
    /** Length of the longest bar; its figure is written after it, in the rest of the width. */
    public static final int BAR_AREA = 440;
    /** Height of one row: the label on a line of its own (any length, any language), the bar below it. */
    public static final int ROW = 44;

    /**
     * One bar.
     *
     * @param label what it counts (already in the page's language)
     * @param value the figure
     * @param shown the figure as written for people (e.g. 5,500万円)
     * @param width length in SVG units, relative to the longest bar
     * @param y     top of its row
     */
    public record Bar(String label, long value, String shown, int width, int y) {
    }

    /** The label and figure pairs, scaled so that the largest fills {@link #BAR_AREA}. */
    public static BarChart of(String id, List<String> labels, List<Long> values, List<String> shown) {
        long max = values.stream().mapToLong(Long::longValue).max().orElse(0);
        List<Bar> bars = new java.util.ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            long value = values.get(i);
            int width = max == 0 ? 0 : (int) Math.max(value > 0 ? 1 : 0, Math.round((double) value * BAR_AREA / max));
            bars.add(new Bar(labels.get(i), value, shown.get(i), width, i * ROW));
        }
        return new BarChart(id, List.copyOf(bars));
    }

    /** The SVG's width in user units. */
    public int width() {
        return WIDTH;
    }

    /** The SVG's height in user units. */
    public int height() {
        return Math.max(ROW, bars.size() * ROW);
    }
}
