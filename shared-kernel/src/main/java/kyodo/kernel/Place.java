package kyodo.kernel;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A ward or a district: written on the wire and in events as its lower-case code ({@code saiwai},
 * {@code south}), named in Japanese and English for people.
 */
public interface Place {

    /** Its code and names. */
    PlaceName placeName();

    /** Its code: how the place is written on the wire and in events. */
    @JsonValue
    default String code() {
        return placeName().code();
    }

    default String nameJa() {
        return placeName().ja();
    }

    default String nameEn() {
        return placeName().en();
    }

    /** The place among {@code places} written as {@code code}, case-insensitively; empty for anything else. */
    static <P extends Place> Optional<P> byCode(P[] places, String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(places).filter(place -> place.code().equals(wanted)).findFirst();
    }

    /**
     * How a place is named.
     *
     * @param code its code, lower-case
     * @param ja   its Japanese name ({@code 幸区})
     * @param en   its English name ({@code Saiwai Ward})
     */
    record PlaceName(String code, String ja, String en) {
    }
}
