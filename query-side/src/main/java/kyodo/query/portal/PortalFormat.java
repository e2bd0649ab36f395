package kyodo.query.portal;

import kyodo.kernel.FiscalYear;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the portal writes dates, amounts and fiscal years for people, in the page's language: dates
 * in Asia/Tokyo, fiscal years with their Japanese era beside the ISO year (令和6年度 (2024)), yen
 * both as the city writes it (5,500万円) and as a plain figure (¥55,000,000). Templates reach it as
 * {@code fmt}.
 */
public final class PortalFormat {

    private static final long MAN = 10_000L;
    private static final long OKU = 100_000_000L;
    private static final long CHO = 1_000_000_000_000L;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("H:mm:ss");
    private static final DateTimeFormatter ISO_MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mmxxx");

    private final boolean japanese;
    private final DateTimeFormatter dateFormat;

    public PortalFormat(Locale locale) {
        this.japanese = !Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
        this.dateFormat = japanese ? DateTimeFormatter.ofPattern("uuuu年M月d日", Locale.JAPANESE)
                : DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);
    }

    /** The calendar day of an instant in Tokyo; empty for none. */
    public String date(Instant instant) {
        return instant == null ? "" : dateFormat.format(instant.atZone(FiscalYear.TOKYO));
    }

    /** The clock time of an instant in Tokyo (13:00), for a meeting's start and end; empty for none. */
    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(FiscalYear.TOKYO));
    }

    /**
     * The day and time to the second of an instant in Tokyo (2026年12月5日 23:29:41), for a history's
     * events and the moment a past state is shown at, which are often minutes apart or less.
     */
    public String moment(Instant instant) {
        return instant == null ? "" : date(instant) + " " + SECONDS.format(instant.atZone(FiscalYear.TOKYO));
    }

    /** The machine-readable moment for a {@code <time datetime>}, with Tokyo's offset. */
    public String isoDateTime(Instant instant) {
        return instant == null ? "" : ISO_MINUTE.format(instant.atZone(FiscalYear.TOKYO));
    }

    /** The calendar day of an ISO-8601 instant as the decision log writes it. */
    public String date(String isoInstant) {
        return isoInstant == null ? "" : date(Instant.parse(isoInstant));
    }

    /** The clock time in Tokyo of an ISO-8601 instant as the decision log writes it. */
    public String logTime(String isoInstant) {
        return isoInstant == null ? "" : time(Instant.parse(isoInstant));
    }

    public String date(LocalDate date) {
        return date == null ? "" : dateFormat.format(date);
    }

    /** The machine-readable day for a {@code <time datetime>}. */
    public String isoDate(Instant instant) {
        return instant == null ? "" : instant.atZone(FiscalYear.TOKYO).toLocalDate().toString();
    }

    /** 令和6年度 (2024) in Japanese, FY2024 (令和6年度) in English. */
    public String fiscalYear(int startYear) {
        FiscalYear year = FiscalYear.of(startYear);
        return japanese ? year.labelJa() + " (" + startYear + ")" : year.labelEn() + " (" + year.labelJa() + ")";
    }

    /** The Japanese label alone: 令和6年度. */
    public String era(int startYear) {
        return FiscalYear.of(startYear).labelJa();
    }

    /** A count with digit grouping: 1,234. */
    public String number(long value) {
        return NumberFormat.getIntegerInstance(Locale.ROOT).format(value);
    }

    /** A decimal figure (e.g. a median of days), at most one decimal; a dash for none. */
    public String decimal(BigDecimal value) {
        return value == null ? "–" : value.setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** A share as a percentage with one decimal: 0.4321 → 43.2%; a dash for none. */
    public String percent(BigDecimal share) {
        return share == null ? "–"
                : share.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /** ¥55,000,000. */
    public String yen(long amount) {
        return "¥" + number(amount);
    }

    /**
     * Yen as Japanese documents write large amounts, exactly, in 兆, 億 and 万 groups:
     * 55,000,000 → 5,500万円; 1,234,567,890 → 12億3,456万7,890円; 0 → 0円.
     */
    public static String yenJa(long amount) {
        if (amount == 0) {
            return "0円";
        }
        StringBuilder out = new StringBuilder();
        long rest = amount;
        for (long[] unit : new long[][]{{CHO, '兆'}, {OKU, '億'}, {MAN, '万'}}) {
            long count = rest / unit[0];
            if (count > 0) {
                out.append(NumberFormat.getIntegerInstance(Locale.ROOT).format(count)).append((char) unit[1]);
            }
            rest %= unit[0];
        }
        if (rest > 0) {
            out.append(NumberFormat.getIntegerInstance(Locale.ROOT).format(rest));
        }
        return out.append('円').toString();
    }

    /** Template access to {@link #yenJa}. */
    public String yenJapanese(long amount) {
        return yenJa(amount);
    }
}
