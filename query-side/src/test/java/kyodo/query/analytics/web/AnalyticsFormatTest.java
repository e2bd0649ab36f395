package kyodo.query.analytics.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyticsFormatTest {

    @Test
    void theAcceptableTypeOfHighestQualityWinsAndWildcardsMeanJson() {
        assertThat(format("")).isEqualTo(AnalyticsFormat.JSON);
        assertThat(format("*/*")).isEqualTo(AnalyticsFormat.JSON);
        assertThat(format("application/*")).isEqualTo(AnalyticsFormat.JSON);
        assertThat(format("text/*")).isEqualTo(AnalyticsFormat.CSV);
        assertThat(format("text/csv")).isEqualTo(AnalyticsFormat.CSV);
        assertThat(format("text/csv;charset=UTF-8")).isEqualTo(AnalyticsFormat.CSV);
        assertThat(format("application/x-ndjson")).isEqualTo(AnalyticsFormat.NDJSON);
        assertThat(format("application/json;q=0.5, text/csv")).isEqualTo(AnalyticsFormat.CSV);
        assertThat(format("text/html, application/x-ndjson;q=0.9, */*;q=0.1")).isEqualTo(AnalyticsFormat.NDJSON);
        assertThat(format("text/csv;q=0, application/json")).isEqualTo(AnalyticsFormat.JSON);
    }

    @Test
    void csvIsWrittenAsUtf8() {
        assertThat(AnalyticsFormat.CSV.contentType.toString()).isEqualTo("text/csv;charset=UTF-8");
    }

    private static AnalyticsFormat format(String accept) {
        return AnalyticsFormat.of(accept.isEmpty() ? List.of() : MediaType.parseMediaTypes(accept));
    }
}
