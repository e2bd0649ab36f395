package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ?ward=city} over HTTP: a ward's meeting, a district's and the city's own; the public and the
 * staff list each give the city's alone, and a ward value that is neither a ward nor {@code city} is
 * a problem naming what it may be.
 */
class CityWideMeetingsIT {

    @RegisterExtension
    static final RunningApp app = new RunningApp();
    private static final Client staff = app.staff();
    private static String cityWide;

    @BeforeAll
    static void threeMeetings() {
        staff.scheduleMeeting(Requests.meeting());
        staff.scheduleMeeting(Requests.southernWorkshop());
        cityWide = staff.scheduleMeeting(Requests.cityWideMeeting("川崎市 市民フォーラム"));
        staff.get("/api/meetings/{id}?minVersion=0", cityWide).ok();
        KyodoTestApp.eventually(() -> assertThat(staff.get("/public/meetings").ok().tree().get("total").asLong())
                .isEqualTo(3L));
    }

    @Test
    void thePublicAndTheStaffListGiveTheCitysOwnMeetingsAlone() {
        for (String list : List.of("/public/meetings?ward=city", "/public/meetings?ward=CITY",
                "/public/meetings?ward=city&kind=FORUM")) {
            JsonNode page = app.anonymous().get(list).ok().tree();
            assertThat(ids(page)).as(list).containsExactly(cityWide);
            assertThat(page.get("total").asLong()).as(list).isEqualTo(1L);
            assertThat(page.at("/items/0/ward").isNull()).isTrue();
            assertThat(page.at("/items/0/district").isNull()).isTrue();
        }
        assertThat(ids(staff.get("/api/meetings?ward=city").ok().tree())).containsExactly(cityWide);
        assertThat(ids(staff.get("/public/meetings?ward=city&kind=WORKSHOP").ok().tree())).isEmpty();
        assertThat(ids(staff.get("/public/meetings?ward=saiwai").ok().tree())).hasSize(1).doesNotContain(cityWide);
    }

    @Test
    void aWardThatIsNeitherAWardNorTheCityIsRefusedNamingWhatItMayBe() {
        for (String list : List.of("/public/meetings?ward=citywide", "/api/meetings?ward=kawasaki-city")) {
            staff.get(list).problem().isProblem(400, "/problems/invalid-input")
                    .jsonPath("$.errors[0].field").isEqualTo("ward")
                    .jsonPath("$.errors[0].message")
                    .isEqualTo("must be one of kawasaki, saiwai, nakahara, takatsu, miyamae, tama, asao, city");
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
