package kyodo.ops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo meeting data (seed 003: 2015-09-19 southern-district workshop; seed 002: the four planned
 * sessions of the 2019 community-policy expert panel) is complete, faithful in its counts and within the
 * limits that the meeting command API enforces.
 */
class DemoMeetingDataTest {

    private static final String WORKSHOP = "/demo/workshop-2015-south.json";
    private static final String PANEL = "/demo/expert-panel-2019.json";

    /** Opinions (〇) transcribed from seed 003, per group. */
    private static final Map<Integer, Integer> OPINIONS_PER_GROUP = Map.of(1, 3, 2, 5, 3, 4, 4, 2, 5, 4, 6, 3);
    private static final int OPINIONS = 21;
    private static final int RELATED_OPINIONS = 62;

    private static JsonNode workshop;
    private static JsonNode panel;

    @BeforeAll
    static void load() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        workshop = read(mapper, WORKSHOP);
        panel = read(mapper, PANEL);
    }

    private static JsonNode read(ObjectMapper mapper, String resource) throws IOException {
        try (InputStream in = DemoMeetingDataTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the classpath").isNotNull();
            return mapper.readTree(in);
        }
    }

    // ---------------------------------------------------------------- workshop (seed 003)

    @Test
    void workshopIsScheduledAsInTheSeed() {
        JsonNode schedule = workshop.get("schedule");
        assertThat(workshop.get("key").asText()).isEqualTo("demo-meeting-workshop-2015-south");
        assertThat(schedule.get("kind").asText()).isEqualTo("WORKSHOP");
        assertThat(schedule.get("district").asText()).isEqualTo("south");
        assertThat(OffsetDateTime.parse(schedule.get("startsAt").asText()))
                .isEqualTo(OffsetDateTime.parse("2015-09-19T13:00:00+09:00"));
        assertThat(OffsetDateTime.parse(schedule.get("endsAt").asText()))
                .isEqualTo(OffsetDateTime.parse("2015-09-19T16:30:00+09:00"));
        assertThat(schedule.get("venue").asText()).isEqualTo("川崎フロンティアビル第３・４会議室");
        assertThat(schedule.get("capacity").asInt()).isGreaterThanOrEqualTo(44);
        assertThat(schedule.get("publicObservation").isBoolean()).isTrue();
        assertTitle(schedule.get("title"));
        assertThemes(schedule.get("themes"));
        assertThat(schedule.get("themes")).hasSize(3);
    }

    @Test
    void workshopHas44AttendeesAtOpeningAndClosing() {
        assertThat(workshop.get("opening").get("attendance").asInt()).isEqualTo(44);
        assertThat(workshop.get("closing").get("attendance").asInt()).isEqualTo(44);
    }

    @Test
    void workshopHasSixGroupsUnderThreeThemes() {
        JsonNode groups = workshop.get("groups");
        assertThat(groups).hasSize(6);
        List<Integer> numbers = new ArrayList<>();
        Set<String> themes = new LinkedHashSet<>();
        for (JsonNode group : groups) {
            numbers.add(group.get("number").asInt());
            themes.add(group.get("theme").asText());
            assertThat(group.get("theme").asText()).isNotBlank().hasSizeLessThanOrEqualTo(100);
        }
        assertThat(numbers).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(themes).hasSize(3);
        // the scheduled themes are exactly the groups' themes, in the seed's order
        List<String> scheduled = new ArrayList<>();
        workshop.get("schedule").get("themes").forEach(t -> scheduled.add(t.asText()));
        assertThat(scheduled).containsExactlyElementsOf(themes);
    }

    @Test
    void everyOpinionBelongsToAGroupAndCarriesItsTheme() {
        Map<Integer, String> themeOfGroup = new HashMap<>();
        workshop.get("groups").forEach(g -> themeOfGroup.put(g.get("number").asInt(), g.get("theme").asText()));

        JsonNode opinions = workshop.get("opinions");
        assertThat(opinions).hasSize(OPINIONS);
        Map<Integer, Integer> perGroup = new HashMap<>();
        int related = 0;
        int previousGroup = 0;
        for (JsonNode opinion : opinions) {
            int group = opinion.get("group").asInt();
            assertThat(group).isBetween(1, 6);
            assertThat(group).as("opinions in group order").isGreaterThanOrEqualTo(previousGroup);
            previousGroup = group;
            assertThat(opinion.get("theme").asText()).isEqualTo(themeOfGroup.get(group));
            perGroup.merge(group, 1, Integer::sum);

            assertThat(opinion.get("text").asText()).isNotBlank().hasSizeLessThanOrEqualTo(5000);
            JsonNode rel = opinion.get("related");
            assertThat(rel.isArray()).isTrue();
            assertThat(rel.size()).isLessThanOrEqualTo(50);
            for (JsonNode item : rel) {
                assertThat(item.asText()).isNotBlank().hasSizeLessThanOrEqualTo(1000);
            }
            related += rel.size();
        }
        assertThat(perGroup).containsExactlyInAnyOrderEntriesOf(OPINIONS_PER_GROUP);
        assertThat(related).isEqualTo(RELATED_OPINIONS);
    }

    @Test
    void workshopMinutesAreWithinLimits() {
        assertThat(workshop.get("minutes").get("text").asText()).isNotBlank().hasSizeLessThanOrEqualTo(50000)
                .contains("44").contains("川崎フロンティアビル");
    }

    @Test
    void workshopTextsHaveNoControlCharactersButNewlines() {
        assertNoControlCharacters(workshop);
    }

    // ---------------------------------------------------------------- expert panel (seed 002)

    @Test
    void expertPanelHasFourSessionsInChronologicalOrder() {
        assertThat(panel.isArray()).isTrue();
        assertThat(panel).hasSize(4);
        OffsetDateTime previous = null;
        int n = 1;
        for (JsonNode session : panel) {
            JsonNode schedule = session.get("schedule");
            assertThat(session.get("key").asText()).isEqualTo("demo-meeting-expert-panel-2019-" + n);
            assertThat(schedule.get("kind").asText()).isEqualTo("EXPERT_PANEL");
            assertThat(schedule.get("session").asInt()).isEqualTo(n);
            assertThat(schedule.get("title").asText()).isEqualTo("第" + n + "回 川崎市コミュニティ施策検討有識者会議");
            assertTitle(schedule.get("title"));
            assertThemes(schedule.get("themes"));
            assertThat(schedule.get("venue").asText()).isNotBlank();
            assertThat(schedule.get("publicObservation").isBoolean()).isTrue();
            OffsetDateTime starts = OffsetDateTime.parse(schedule.get("startsAt").asText());
            OffsetDateTime ends = OffsetDateTime.parse(schedule.get("endsAt").asText());
            assertThat(ends).isAfter(starts);
            if (previous != null) {
                assertThat(starts).isAfter(previous);
            }
            previous = starts;
            n++;
        }
        JsonNode first = panel.get(0).get("schedule");
        assertThat(OffsetDateTime.parse(first.get("startsAt").asText()))
                .isEqualTo(OffsetDateTime.parse("2019-07-09T15:00+09:00"));
        assertThat(first.get("venue").asText()).isEqualTo("第3庁舎11階会議室");
    }

    @Test
    void everyAgendaItemHasARoleAsLeadAndStaysWithinLimits() {
        for (JsonNode session : panel) {
            JsonNode items = session.get("agenda").get("items");
            assertThat(items.size()).isBetween(1, 50);
            for (JsonNode item : items) {
                assertThat(item.get("title").asText()).isNotBlank().hasSizeLessThanOrEqualTo(200);
                assertThat(item.get("lead").asText()).isNotBlank().doesNotContain("先生").doesNotContain("氏");
                for (String list : List.of("discussionPoints", "preparation")) {
                    JsonNode entries = item.get(list);
                    assertThat(entries.isArray()).as(list).isTrue();
                    assertThat(entries.size()).as(list).isLessThanOrEqualTo(50);
                    entries.forEach(e -> assertThat(e.asText()).isNotBlank().hasSizeLessThanOrEqualTo(1000));
                }
            }
        }
    }

    @Test
    void expertPanelNamesNoOne() {
        for (JsonNode session : panel) {
            walk(session, "$", (path, node) -> {
                if (node.isObject()) {
                    assertThat(node.has("name")).as("a name field at " + path).isFalse();
                }
                if (node.isTextual()) {
                    assertThat(node.asText()).as(path).doesNotContain("先生");
                }
            });
        }
    }

    @Test
    void expertPanelTextsHaveNoControlCharactersButNewlines() {
        assertNoControlCharacters(panel);
    }

    // ---------------------------------------------------------------- helpers

    private static void assertTitle(JsonNode title) {
        assertThat(title.asText()).isNotBlank().hasSizeLessThanOrEqualTo(200);
    }

    private static void assertThemes(JsonNode themes) {
        assertThat(themes.isArray()).isTrue();
        assertThat(themes.size()).isBetween(1, 10);
        themes.forEach(t -> assertThat(t.asText()).isNotBlank().hasSizeLessThanOrEqualTo(100));
    }

    private static void assertNoControlCharacters(JsonNode root) {
        walk(root, "$", (path, node) -> {
            if (node.isTextual()) {
                String text = node.asText();
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    boolean control = Character.getType(c) == Character.CONTROL && c != '\n';
                    assertThat(control).as("control character U+%04X at %s", (int) c, path).isFalse();
                }
            }
        });
    }

    private static void walk(JsonNode node, String path, BiConsumer<String, JsonNode> visitor) {
        visitor.accept(path, node);
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                walk(field.getValue(), path + "." + field.getKey(), visitor);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", visitor);
            }
        }
    }
}
