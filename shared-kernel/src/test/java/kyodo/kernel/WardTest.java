package kyodo.kernel;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WardTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void kawasakiHasSevenWardsKnownByTheirLowerCaseCodes() {
        assertThat(Arrays.stream(Ward.values()).map(Ward::code))
                .containsExactly("kawasaki", "saiwai", "nakahara", "takatsu", "miyamae", "tama", "asao");
    }

    @Test
    void everyWardCarriesItsJapaneseName() {
        assertThat(Arrays.stream(Ward.values()).map(Ward::nameJa))
                .containsExactly("川崎区", "幸区", "中原区", "高津区", "宮前区", "多摩区", "麻生区");
    }

    @Test
    void everyWardCarriesItsEnglishName() {
        assertThat(Ward.SAIWAI.nameEn()).isEqualTo("Saiwai Ward");
        assertThat(Ward.ASAO.nameEn()).isEqualTo("Asao Ward");
    }

    @Test
    void everyWardIsFoundByItsOwnCode() {
        for (Ward ward : Ward.values()) {
            assertThat(Ward.fromCode(ward.code())).contains(ward);
        }
    }

    @Test
    void fromCodeIgnoresCase() {
        assertThat(Ward.fromCode("SAIWAI")).contains(Ward.SAIWAI);
        assertThat(Ward.fromCode("Nakahara")).contains(Ward.NAKAHARA);
    }

    @Test
    void fromCodeIgnoresSurroundingWhitespace() {
        assertThat(Ward.fromCode("  tama ")).contains(Ward.TAMA);
        assertThat(Ward.fromCode("\tAsao\n")).contains(Ward.ASAO);
    }

    @Test
    void fromCodeIsEmptyForAnUnknownCode() {
        assertThat(Ward.fromCode("nishi")).isEmpty();
        assertThat(Ward.fromCode("saiwai-ku")).isEmpty();
        assertThat(Ward.fromCode("幸区")).isEmpty();
        assertThat(Ward.fromCode("")).isEmpty();
        assertThat(Ward.fromCode("   ")).isEmpty();
    }

    @Test
    void fromCodeIsEmptyForNull() {
        assertThat(Ward.fromCode(null)).isEmpty();
    }

    @Test
    void jacksonWritesAWardAsItsCode() throws Exception {
        assertThat(mapper.writeValueAsString(Ward.SAIWAI)).isEqualTo("\"saiwai\"");
        assertThat(mapper.writeValueAsString(Map.of("ward", Ward.MIYAMAE))).isEqualTo("{\"ward\":\"miyamae\"}");
    }

    @Test
    void jacksonReadsEveryWardBackFromItsCode() throws Exception {
        for (Ward ward : Ward.values()) {
            assertThat(mapper.readValue(mapper.writeValueAsString(ward), Ward.class)).isSameAs(ward);
        }
    }

    @Test
    void jacksonReadsACodeWhateverItsCase() throws Exception {
        assertThat(mapper.readValue("\"Takatsu\"", Ward.class)).isSameAs(Ward.TAKATSU);
    }

    @Test
    void jacksonRejectsAnUnknownWardCode() {
        assertThatThrownBy(() -> mapper.readValue("\"nishi\"", Ward.class))
                .isInstanceOf(JsonMappingException.class)
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown ward: nishi");
    }

    @Test
    void kawasakiAndSaiwaiFormTheSouthernDistrict() {
        assertThat(Arrays.stream(Ward.values()).filter(w -> w.district() == Ward.District.SOUTH))
                .containsExactly(Ward.KAWASAKI, Ward.SAIWAI);
        assertThat(Ward.District.SOUTH.nameJa()).isEqualTo("南部地区");
    }

    @Test
    void nakaharaAndTakatsuFormTheCentralDistrict() {
        assertThat(Arrays.stream(Ward.values()).filter(w -> w.district() == Ward.District.CENTRAL))
                .containsExactly(Ward.NAKAHARA, Ward.TAKATSU);
    }

    @Test
    void miyamaeTamaAndAsaoFormTheNorthernDistrict() {
        assertThat(Arrays.stream(Ward.values()).filter(w -> w.district() == Ward.District.NORTH))
                .containsExactly(Ward.MIYAMAE, Ward.TAMA, Ward.ASAO);
    }

    @Test
    void jacksonWritesADistrictAsItsCodeAndReadsItBack() throws Exception {
        assertThat(mapper.writeValueAsString(Ward.District.CENTRAL)).isEqualTo("\"central\"");
        assertThat(mapper.readValue("\"north\"", Ward.District.class)).isSameAs(Ward.District.NORTH);
    }

    @Test
    void jacksonRejectsAnUnknownDistrictCode() {
        assertThatThrownBy(() -> mapper.readValue("\"east\"", Ward.District.class))
                .isInstanceOf(JsonMappingException.class)
                .rootCause()
                .hasMessage("unknown district: east");
    }
}
