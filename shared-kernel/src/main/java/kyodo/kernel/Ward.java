package kyodo.kernel;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.Optional;

/**
 * The seven wards (区) of Kawasaki. On the wire and in events a ward is its lower-case code
 * ({@code saiwai}); the Japanese and English names are for people.
 */
public enum Ward implements Place {
    KAWASAKI("kawasaki", "川崎区", "Kawasaki Ward", District.SOUTH),
    SAIWAI("saiwai", "幸区", "Saiwai Ward", District.SOUTH),
    NAKAHARA("nakahara", "中原区", "Nakahara Ward", District.CENTRAL),
    TAKATSU("takatsu", "高津区", "Takatsu Ward", District.CENTRAL),
    MIYAMAE("miyamae", "宮前区", "Miyamae Ward", District.NORTH),
    TAMA("tama", "多摩区", "Tama Ward", District.NORTH),
    ASAO("asao", "麻生区", "Asao Ward", District.NORTH);

    private final PlaceName placeName;
    private final District district;

    Ward(String code, String nameJa, String nameEn, District district) {
        this.placeName = new PlaceName(code, nameJa, nameEn);
        this.district = district;
    }

    @Override
    public PlaceName placeName() {
        return placeName;
    }

    public District district() {
        return district;
    }

    /** The ward for a code, case-insensitively; empty for anything else. */
    public static Optional<Ward> fromCode(String code) {
        return Place.byCode(values(), code);
    }

    @JsonCreator
    static Ward ofCode(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown ward: " + code));
    }

    /**
     * Districts (地区) group neighbouring wards; the seeds hold workshops per district
     * (南部地区 = Kawasaki + Saiwai).
     */
    public enum District implements Place {
        SOUTH("south", "南部地区", "Southern district"),
        CENTRAL("central", "中部地区", "Central district"),
        NORTH("north", "北部地区", "Northern district");

        private final PlaceName placeName;

        District(String code, String nameJa, String nameEn) {
            this.placeName = new PlaceName(code, nameJa, nameEn);
        }

        @Override
        public PlaceName placeName() {
            return placeName;
        }

        /** The district for a code, case-insensitively; empty for anything else. */
        public static Optional<District> fromCode(String code) {
            return Place.byCode(values(), code);
        }

        @JsonCreator
        static District ofCode(String code) {
            return fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown district: " + code));
        }
    }
}
