package kyodo.query.platform;

import org.bson.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;

/**
 * Reading values back from read-model documents as the projections stored them: times as BSON dates,
 * days as {@code yyyy-MM-dd} strings, whole numbers as whatever integer type the store returns. An
 * absent field reads as null (or 0 where a sum is meant).
 */
public final class StoredValues {

    private StoredValues() {
    }

    public static Instant instant(Document doc, String key) {
        Date date = doc.getDate(key);
        return date == null ? null : date.toInstant();
    }

    public static LocalDate date(Document doc, String key) {
        String date = doc.getString(key);
        return date == null ? null : LocalDate.parse(date);
    }

    /** A sum or amount: 0 when absent. */
    public static long number(Document doc, String key) {
        Object value = doc.get(key);
        return value == null ? 0L : ((Number) value).longValue();
    }

    public static Long optionalLong(Document doc, String key) {
        Object value = doc.get(key);
        return value == null ? null : ((Number) value).longValue();
    }
}
