package kyodo.kernel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The seven wards (区) of Kawasaki. On the wire and in events a ward is its lower-case code
 * ({@code saiwai}); the Japanese and English names are for people.
 */
public enum Ward {
    KAWASAKI("kawasaki", "川崎区", "Kawasaki Ward", District.SOUTH),
    SAIWAI("saiwai", "幸区", "Saiwai Ward", District.SOUTH),
    NAKAHARA("nakahara", "中原区", "Nakahara Ward", District.CENTRAL),
    TAKATSU("takatsu", "高津区", "Takatsu Ward", District.CENTRAL),
    MIYAMAE("miyamae", "宮前区", "Miyamae Ward", District.NORTH),
    TAMA("tama", "多摩区", "Tama Ward", District.NORTH),
    ASAO("asao", "麻生区", "Asao Ward", District.NORTH);

    private final String code;
    private final String nameJa;
    private final String nameEn;
    private final District district;

    Ward(String code, String nameJa, String nameEn, District district) {
        this.code = code;
        this.nameJa = nameJa;
        this.nameEn = nameEn;
        this.district = district;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public String nameJa() {
        return nameJa;
    }

    public String nameEn() {
        return nameEn;
    }

    public District district() {
        return district;
    }

    /** The ward for a code, case-insensitively; empty for anything else. */
    public static Optional<Ward> fromCode(String code) {
        return byCode(values(), Ward::code, code);
    }

    @JsonCreator
    static Ward ofCode(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown ward: " + code));
    }

    /**
     * Districts (地区) group neighbouring wards; the seeds hold workshops per district
     * (南部地区 = Kawasaki + Saiwai).
     */
    public enum District {
        SOUTH("south", "南部地区", "Southern district"),
        CENTRAL("central", "中部地区", "Central district"),
        NORTH("north", "北部地区", "Northern district");

        private final String code;
        private final String nameJa;
        private final String nameEn;

        District(String code, String nameJa, String nameEn) {
            this.code = code;
            this.nameJa = nameJa;
            this.nameEn = nameEn;
        }

        @JsonValue
        public String code() {
            return code;
        }

        public String nameJa() {
            return nameJa;
        }

        public String nameEn() {
            return nameEn;
        }

        /** The district for a code, case-insensitively; empty for anything else. */
        public static Optional<District> fromCode(String code) {
            return byCode(values(), District::code, code);
        }

        @JsonCreator
        static District ofCode(String code) {
            return fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown district: " + code));
        }
    }

    /** How wards and districts are looked up by the code they are written as. */
    private static <T> Optional<T> byCode(T[] values, Function<T, String> codeOf, String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values).filter(value -> codeOf.apply(value).equals(wanted)).findFirst();
    }
}
