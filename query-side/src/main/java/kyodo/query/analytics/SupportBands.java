package kyodo.query.analytics;

import java.util.List;

/**
 * The bands {@code proposals/summary} groups proposals by how many residents support them (issue 17):
 * none, a few, many, and at or past the default threshold that makes an answer due.
 */
final class SupportBands {

    /** Every band, in order. */
    static final List<String> BANDS = List.of("0", "1-9", "10-49", "50+");

    private SupportBands() {
    }

    /** The band of a proposal with that many supports. */
    static String of(int supports) {
        return supports <= 0 ? "0" : supports < 10 ? "1-9" : supports < 50 ? "10-49" : "50+";
    }
}
