package kyodo.query.meeting;

import kyodo.kernel.Ward;
import kyodo.kernel.meeting.MeetingKind;
import kyodo.query.meeting.MeetingViews.MeetingListItem;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.embedded.EmbeddedReadStore;
import kyodo.query.proposal.TestStores;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ?ward=city} on the embedded store (the default engine; {@link MeetingViewsTest} lists on the
 * Mongo protocol): the city's own meetings only, also those stored before the {@code cityWide} mark,
 * which the projection sets when it starts.
 */
class CityWideMeetingsTest {

    @RegisterExtension
    static final TestStores stores = new TestStores();

    @TempDir
    Path directory;

    @Test
    void theCitysOwnMeetingsAreListedByThemselvesAlsoWhenStoredBeforeTheirMark() throws Exception {
        try (EmbeddedReadStore store = EmbeddedReadStore.open(directory)) {
            AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(new MeetingProjection(store));
            MeetingViews views = new MeetingViews(store, stores.protector);
            for (MeetingStory story : List.of(
                    MeetingStory.scheduled("ward", MeetingKind.WARD_ASSEMBLY, Ward.SAIWAI, null, "幸区区民会議",
                            List.of("防災"), "2025-05-20T05:00:00Z"),
                    MeetingStory.southernDistrictWorkshop("district"),
                    MeetingStory.scheduled("city-1", MeetingKind.EXPERT_PANEL, null, null, "有識者会議 第1回",
                            List.of("協働"), "2025-06-01T05:00:00Z"),
                    MeetingStory.scheduled("city-2", MeetingKind.FORUM, null, null, "市民フォーラム",
                            List.of("協働"), "2025-07-01T05:00:00Z"))) {
                for (EventMessage<?> message : story.messages()) {
                    handler.handle(message);
                }
            }
            assertThat(cityWide(views)).containsExactly("city-2", "city-1");

            ReadCollection meetings = store.collection(MeetingProjection.COLLECTION);
            for (String id : List.of("ward", "district", "city-1", "city-2")) {
                meetings.bulkWrite(List.of(new com.mongodb.client.model.UpdateOneModel<>(
                        new Document("_id", id), new Document("$unset", new Document(MeetingProjection.CITY_WIDE, "")))));
            }
            assertThat(cityWide(views)).isEmpty();

            new MeetingProjection(store);

            assertThat(cityWide(views)).containsExactly("city-2", "city-1");
            assertThat(views.list(MeetingListQuery.parse(Map.of("ward", List.of("city"), "kind", List.of("FORUM"))))
                    .total()).isEqualTo(1L);
            assertThat(meetings.find(new Document(MeetingProjection.CITY_WIDE, false)).map(d -> d.get("_id")))
                    .containsExactlyInAnyOrder("ward", "district");
        }
    }

    private static List<String> cityWide(MeetingViews views) {
        return views.list(MeetingListQuery.parse(Map.of("ward", List.of("city")))).items().stream()
                .map(MeetingListItem::id).toList();
    }
}
