package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published OpenAPI document names every operation: an id of its own (verb + noun, camelCase, the
 * same on every start: generated clients call it by that name), never springdoc's {@code list_3}.
 */
class ApiDocsIT {

    @RegisterExtension
    static final RunningApp app = new RunningApp();
    private static final Map<String, String> idsByOperation = new HashMap<>();
    private static final List<String> summaryless = new ArrayList<>();
    private static final Map<String, String> tagsByOperation = new HashMap<>();

    @BeforeAll
    static void readTheDocument() throws Exception {
        JsonNode paths = new ObjectMapper().readTree(app.anonymous().get("/v3/api-docs").ok().text()).get("paths");
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            String operation = method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            idsByOperation.put(operation, method.getValue().path("operationId").asText(""));
            tagsByOperation.put(operation, method.getValue().path("tags").toString());
            if (method.getValue().path("summary").asText("").isBlank()) {
                summaryless.add(operation);
            }
        }));
    }

    @Test
    void everyOperationHasAnIdOfItsOwnNamedByVerbAndNoun() {
        assertThat(idsByOperation).hasSizeGreaterThan(80);
        idsByOperation.forEach((operation, id) -> assertThat(id).as(operation)
                .matches("[a-z]+[A-Z][A-Za-z]*").doesNotContain("_"));
        assertThat(idsByOperation.values()).doesNotHaveDuplicates();
    }

    @Test
    void aListOnAStaffAndAPublicPathHasOneIdOnEach() {
        for (String noun : List.of("Proposals", "Meetings", "Projects")) {
            String path = noun.toLowerCase(Locale.ROOT);
            assertThat(idsByOperation.get("GET /api/" + path)).isEqualTo("list" + noun);
            assertThat(idsByOperation.get("GET /public/" + path)).isEqualTo("listPublic" + noun);
        }
        assertThat(idsByOperation).containsEntry("POST /api/proposals/{id}/decision", "answerProposal")
                .containsEntry("GET /public/decisions", "listDecisions")
                .containsEntry("GET /api/admin/accounts", "listAccounts");
    }

    @Test
    void everyOperationHasASummaryAndATagNamedByKyodoNotByItsClass() {
        assertThat(summaryless).isEmpty();
        tagsByOperation.forEach((operation, tags) -> assertThat(tags).as(operation)
                .startsWith("[\"").doesNotContain("-controller"));
    }
}
