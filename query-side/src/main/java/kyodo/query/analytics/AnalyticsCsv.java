package kyodo.query.analytics;

import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Rows as CSV that Excel on Japanese Windows opens correctly: UTF-8 with a byte-order mark (without
 * it Excel reads Shift_JIS and garbles Japanese), a header row of field names, CRLF line ends, and
 * RFC 4180 quoting (a field holding a comma, a double quote, CR or LF is quoted, inner quotes
 * doubled). A text cell starting with {@code = + - @}, a tab or CR gets a leading {@code '}, so
 * that a spreadsheet shows it as text instead of running it as a formula (CSV injection); numbers
 * are written as plain numbers and never changed. Null is an empty cell.
 */
public final class AnalyticsCsv {

    /** The byte-order mark, U+FEFF: EF BB BF in UTF-8. */
    public static final String BOM = "\uFEFF";
    public static final String CRLF = "\r\n";

    private AnalyticsCsv() {
    }

    /** The BOM and the header row, then one line per row. */
    public static Flux<String> lines(List<String> columns, Flux<AnalyticsRow> rows) {
        return Flux.concat(Flux.just(BOM + line(columns)), rows.map(row -> line(row.in(columns))));
    }

    /** Writes the BOM, the header row and the rows, for a blocking caller (the ops export). */
    public static void write(Writer out, List<String> columns, Iterator<AnalyticsRow> rows) {
        try {
            out.write(BOM);
            out.write(line(columns));
            while (rows.hasNext()) {
                out.write(line(rows.next().in(columns)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One record, CRLF included. */
    public static String line(List<?> values) {
        return values.stream().map(AnalyticsCsv::cell).collect(Collectors.joining(",", "", CRLF));
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return quoted(defused(value.toString()));
    }

    /** A leading {@code '} for text a spreadsheet would take for a formula. */
    static String defused(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    static String quoted(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
