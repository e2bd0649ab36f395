package kyodo.ops.cli;

import java.util.Locale;

/** The text of a progress line: how far, how fast, how long still. Pure, for the terminal. */
final class ProgressLine {

    private static final int BAR = 24;

    private ProgressLine() {
    }

    /**
     * @param handled events handled so far (summed over processors)
     * @param total   events to handle in all
     * @param sinceStart events handled since the measurement started, for the rate
     * @param seconds seconds since the measurement started
     */
    static String render(long handled, long total, long sinceStart, double seconds) {
        double fraction = total <= 0 ? 1 : Math.min(1, (double) handled / total);
        double rate = seconds > 0 ? sinceStart / seconds : 0;
        int filled = (int) Math.round(fraction * BAR);
        String eta = fraction >= 1 ? "0s" : rate > 0 ? duration((total - handled) / rate) : "?";
        return String.format(Locale.ROOT, "[%s%s] %,d/%,d events %5.1f%%  %,.0f events/s  ETA %s",
                "#".repeat(filled), " ".repeat(BAR - filled), handled, total, fraction * 100, rate, eta);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
