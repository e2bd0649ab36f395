package kyodo.query.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Text search without {@code $text} (the embedded store has none, and MongoDB's has no Japanese
 * analyser): a document stores the character unigrams and bigrams of its text in an indexed array,
 * a query is turned into tokens the same way and matches documents holding all of them.
 * <p>
 * Text is NFKC-normalised (full-width Latin and half-width kana fold to one form) and lower-cased,
 * then cut into runs of letters and digits; punctuation, spaces and symbols separate runs, so no
 * token spans them. Bigrams need no dictionary, which suits Japanese (no spaces between words);
 * the price is that a query matches any text containing all its bigrams, in whatever order.
 */
public final class SearchTokens {

    private SearchTokens() {
    }

    /**
     * What a document stores: every distinct character and every distinct pair of adjacent
     * characters of each text, in order of first appearance. Null texts are skipped.
     */
    public static List<String> ofDocument(String... texts) {
        Set<String> tokens = new LinkedHashSet<>();
        for (String text : texts) {
            for (int[] run : runs(text)) {
                for (int i = 0; i < run.length; i++) {
                    tokens.add(new String(run, i, 1));
                    if (i + 1 < run.length) {
                        tokens.add(new String(run, i, 2));
                    }
                }
            }
        }
        return List.copyOf(tokens);
    }

    /**
     * What a query must find: the bigrams of each run of the query, or the character itself for a
     * run of one character. Empty when the query holds no letter or digit.
     */
    public static List<String> ofQuery(String query) {
        Set<String> tokens = new LinkedHashSet<>();
        for (int[] run : runs(query)) {
            if (run.length == 1) {
                tokens.add(new String(run, 0, 1));
            }
            for (int i = 0; i + 1 < run.length; i++) {
                tokens.add(new String(run, i, 2));
            }
        }
        return List.copyOf(tokens);
    }

    /** Runs of letters and digits (as code points, so that surrogate pairs stay whole). */
    private static List<int[]> runs(String text) {
        List<int[]> runs = new ArrayList<>();
        if (text == null) {
            return runs;
        }
        int[] codePoints = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .codePoints().toArray();
        int start = -1;
        for (int i = 0; i <= codePoints.length; i++) {
            boolean inRun = i < codePoints.length && Character.isLetterOrDigit(codePoints[i]);
            if (inRun && start < 0) {
                start = i;
            } else if (!inRun && start >= 0) {
                runs.add(Arrays.copyOfRange(codePoints, start, i));
                start = -1;
            }
        }
        return runs;
    }
}
