package kyodo.query.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One route method on a staff and a public path: each path's operation gets an id of its own, whatever the order. */
class StaffAndPublicOperationIdsTest {

    @Test
    void theStaffPathKeepsTheAnnotatedIdAndThePublicPathSaysPublicAfterTheVerb() {
        for (boolean publicFirst : new boolean[] {true, false}) {
            OpenAPI openApi = new OpenAPI().paths(new Paths()
                    .addPathItem("/api/meetings", get(publicFirst ? "listMeetings_1" : "listMeetings"))
                    .addPathItem("/public/meetings", get(publicFirst ? "listMeetings" : "listMeetings_1")));

            StaffAndPublicOperationIds.name(openApi);

            assertThat(id(openApi, "/api/meetings")).isEqualTo("listMeetings");
            assertThat(id(openApi, "/public/meetings")).isEqualTo("listPublicMeetings");
        }
    }

    @Test
    void routesOfTheirOwnKeepTheirIds() {
        OpenAPI openApi = new OpenAPI().paths(new Paths()
                .addPathItem("/api/meetings/{id}", get("getMeeting"))
                .addPathItem("/public/meetings/{id}", get("getPublicMeeting"))
                .addPathItem("/public/dashboard", get("getDashboard")));

        StaffAndPublicOperationIds.name(openApi);

        assertThat(id(openApi, "/api/meetings/{id}")).isEqualTo("getMeeting");
        assertThat(id(openApi, "/public/meetings/{id}")).isEqualTo("getPublicMeeting");
        assertThat(id(openApi, "/public/dashboard")).isEqualTo("getDashboard");
    }

    @Test
    void publicGoesAfterTheLeadingVerb() {
        assertThat(StaffAndPublicOperationIds.publicId("listProposals")).isEqualTo("listPublicProposals");
        assertThat(StaffAndPublicOperationIds.publicId("list")).isEqualTo("listPublic");
    }

    private static PathItem get(String operationId) {
        return new PathItem().get(new Operation().operationId(operationId));
    }

    private static String id(OpenAPI openApi, String path) {
        return openApi.getPaths().get(path).getGet().getOperationId();
    }
}
