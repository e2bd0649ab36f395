package kyodo.query.analytics;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyticsCsvTest {

    @Test
    void startsWithTheBomAndAHeaderRowAndEndsLinesWithCrlf() {
        String csv = String.join("", AnalyticsCsv.lines(List.of("ward", "count"),
                Flux.just(new AnalyticsRow(Map.of("ward", "saiwai", "count", 3L)))).collectList().block());

        assertThat(Arrays.copyOf(csv.getBytes(StandardCharsets.UTF_8), 3))
                .containsExactly(0xEF - 256, 0xBB - 256, 0xBF - 256);
        assertThat(csv).isEqualTo("\uFEFFward,count\r\nsaiwai,3\r\n");
    }

    @Test
    void quotesCommasQuotesAndLineBreaksAndLeavesJapaneseAlone() {
        assertThat(AnalyticsCsv.line(Arrays.asList("緑化", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", null, 5L,
                new BigDecimal("0.1200"), -3L)))
                .isEqualTo("緑化,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",,5,0.1200,-3\r\n");
    }

    @Test
    void defusesTextThatASpreadsheetWouldRunAsAFormula() {
        assertThat(AnalyticsCsv.line(List.of("=SUM(A1:A9)", "+1", "-1", "@cmd", "\tx", "a=b", "2025-04")))
                .isEqualTo("'=SUM(A1:A9),'+1,'-1,'@cmd,'\tx,a=b,2025-04\r\n");
        assertThat(AnalyticsCsv.line(List.of("=HYPERLINK(\"http://x\",\"y\")")))
                .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n");
    }

    @Test
    void writesTheSameTextToAWriter() {
        StringWriter out = new StringWriter();
        AnalyticsCsv.write(out, List.of("theme", "count"),
                List.of(new AnalyticsRow(Map.of("theme", "=みどり, \"花\"", "count", 1L))).iterator());

        assertThat(out.toString()).isEqualTo("\uFEFFtheme,count\r\n\"'=みどり, \"\"花\"\"\",1\r\n");
    }
}
