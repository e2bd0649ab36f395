package kyodo.query.analytics.web;

import org.springframework.http.MediaType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The three ways the analytics endpoints write rows, chosen by {@code Accept}: the acceptable type
 * with the highest quality wins (the first listed among equals); a wildcard means JSON
 * ({@code text/*} means CSV); no {@code Accept} means JSON.
 */
enum AnalyticsFormat {

    JSON(MediaType.APPLICATION_JSON),
    CSV(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)),
    NDJSON(MediaType.APPLICATION_NDJSON);

    static final String CSV_VALUE = "text/csv";

    final MediaType contentType;

    AnalyticsFormat(MediaType contentType) {
        this.contentType = contentType;
    }

    static AnalyticsFormat of(List<MediaType> accept) {
        List<MediaType> byQuality = new ArrayList<>(accept);
        byQuality.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : byQuality) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.isWildcardType()) {
                return JSON;
            }
            if (type.isWildcardSubtype()) {
                if (type.getType().equals("text")) {
                    return CSV;
                }
                if (type.getType().equals("application")) {
                    return JSON;
                }
                continue;
            }
            for (AnalyticsFormat format : values()) {
                if (format.contentType.getType().equals(type.getType())
                        && format.contentType.getSubtype().equals(type.getSubtype())) {
                    return format;
                }
            }
        }
        return JSON;
    }
}
