package kyodo.query.history;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.Yen;
import kyodo.kernel.decision.Decision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns event fields into what the public may see: JSON-friendly values, roles instead of staff
 * ids, a placeholder instead of personal data. Every feature's {@link FeatureHistory} describes its
 * events with these, so the public history speaks one way whoever tells it.
 */
public final class PublicData {

    /** Shown wherever an event carries sealed personal data. */
    public static final String PERSONAL_JA = "（個人情報・非公開）";
    public static final String PERSONAL_EN = "(personal data, not shown)";
    public static final String PERSONAL = PERSONAL_JA + " / " + PERSONAL_EN;

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private PublicData() {
    }

    /** An ordered map of the pairs, leaving out null values; values are made JSON-friendly. */
    public static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = value(pairs[i + 1]);
            if (value != null) {
                map.put((String) pairs[i], value);
            }
        }
        return map;
    }

    /** A replayed subject's state before its first event: these fields, in this order, none known yet. */
    public static Map<String, Object> unknown(String... fields) {
        Map<String, Object> state = new LinkedHashMap<>();
        for (String field : fields) {
            state.put(field, null);
        }
        return state;
    }

    public static Object value(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Ward ward) {
            return ward.code();
        }
        if (value instanceof Ward.District district) {
            return district.code();
        }
        if (value instanceof Yen yen) {
            return yen.amount();
        }
        if (value instanceof FiscalYear year) {
            return year.startYear();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof Instant || value instanceof LocalDate) {
            return value.toString();
        }
        if (value instanceof StaffRef staff) {
            return staff.role(); // never the staff id
        }
        if (value instanceof Decision decision) {
            return decision(decision);
        }
        if (value instanceof Collection<?> items) {
            List<Object> list = new ArrayList<>();
            items.forEach(item -> list.add(value(item)));
            return list;
        }
        if (value instanceof Map<?, ?> entries) {
            Map<String, Object> map = new LinkedHashMap<>();
            entries.forEach((k, v) -> map.put(String.valueOf(k), value(v)));
            return map;
        }
        return value;
    }

    /** A decision's public face: what was decided, why, by which role, when. */
    public static Map<String, Object> decision(Decision decision) {
        return map("decisionId", decision.decisionId(), "decisionKind", decision.kind(),
                "outcome", decision.outcome(), "reason", decision.reason(),
                "decidedByRole", role(decision.decidedBy()), "decidedAt", decision.decidedAt(),
                "basis", decision.basis() == null ? null
                        : map("type", decision.basis().type(), "id", decision.basis().id()));
    }

    public static String role(StaffRef staff) {
        return staff == null ? null : staff.role();
    }

    public static String tokyo(Instant instant) {
        return instant == null ? "?" : MINUTES.format(ZonedDateTime.ofInstant(instant, FiscalYear.TOKYO)) + " JST";
    }

    public static String yenJa(Yen yen) {
        return yen == null ? "?円" : String.format(Locale.ROOT, "%,d円", yen.amount());
    }

    public static String yenEn(Yen yen) {
        return yen == null ? "¥?" : yen.toString();
    }

    public static String orDash(Object value) {
        return value == null ? "—" : value.toString();
    }

    /** {@code ProposalSubmitted} → {@code PROPOSAL_SUBMITTED}. */
    public static String kind(Class<?> type) {
        return type.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** A ward's name in Japanese; nothing for an event without a ward (a district meeting). */
    public static String wardJa(Ward ward) {
        return ward == null ? "" : ward.nameJa();
    }

    public static String wardEn(Ward ward) {
        return ward == null ? "" : ward.nameEn();
    }
}
