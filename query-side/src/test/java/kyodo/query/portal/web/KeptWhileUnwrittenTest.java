package kyodo.query.portal.web;

import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.embedded.EmbeddedReadStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A page's content is read again as soon as the read store was written, and kept only while it was not. */
class KeptWhileUnwrittenTest {

    @TempDir
    Path directory;
    private EmbeddedReadStore store;
    private ReadCollection decisions;
    private final AtomicInteger reads = new AtomicInteger();

    @BeforeEach
    void open() {
        store = EmbeddedReadStore.open(directory);
        decisions = store.collection("decisions");
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** What a page shows: the decisions in the store, as read now. */
    private Mono<String> readDecisions() {
        return Mono.fromCallable(() -> {
            reads.incrementAndGet();
            return decisions.find().map(d -> d.getString("outcome")).toString();
        });
    }

    private String content(KeptWhileUnwritten kept, Object key, Object dependsOn) {
        return kept.content(key, dependsOn, this::readDecisions).block();
    }

    @Test
    void anUnwrittenStoreAnswersTheKeptContentWithoutReading() {
        decisions.insertMany(List.of(new Document("_id", 1).append("outcome", "ACCEPTED")));
        KeptWhileUnwritten kept = new KeptWhileUnwritten(store);

        String first = content(kept, "home", 2026);
        String again = content(kept, "home", 2026);

        assertThat(again).isEqualTo(first).isEqualTo("[ACCEPTED]");
        assertThat(reads).hasValue(1);
    }

    @Test
    void aNewDecisionIsShownByTheNextRequestAfterTheWrite() {
        KeptWhileUnwritten kept = new KeptWhileUnwritten(store);
        assertThat(content(kept, "home", 2026)).isEqualTo("[]");

        decisions.insertMany(List.of(new Document("_id", 1).append("outcome", "REJECTED")));

        assertThat(content(kept, "home", 2026)).isEqualTo("[REJECTED]");
        assertThat(reads).hasValue(2);
    }

    @Test
    void aWriteToAnotherCollectionAlsoReadsAgain() {
        KeptWhileUnwritten kept = new KeptWhileUnwritten(store);
        content(kept, "home", 2026);

        store.collection("proposals").insertMany(List.of(new Document("_id", "p-1")));
        content(kept, "home", 2026);

        assertThat(reads).hasValue(2);
    }

    @Test
    void aContentReadWhileTheStoreWasWrittenIsNotKept() {
        KeptWhileUnwritten kept = new KeptWhileUnwritten(store);
        // the write lands between the stamp taken before the read and the one after it
        String during = kept.content("home", 2026, () -> readDecisions().doOnNext(read ->
                decisions.insertMany(List.of(new Document("_id", 1).append("outcome", "ACCEPTED"))))).block();
        assertThat(during).isEqualTo("[]");

        assertThat(content(kept, "home", 2026)).isEqualTo("[ACCEPTED]");
        assertThat(content(kept, "home", 2026)).isEqualTo("[ACCEPTED]");
        assertThat(reads).hasValue(2);
    }

    @Test
    void eachKeyAndEachValueOfWhatElseItDependsOnIsReadApart() {
        KeptWhileUnwritten kept = new KeptWhileUnwritten(store);
        content(kept, List.of("home", "", "ja"), 2026);
        content(kept, List.of("home", "saiwai", "ja"), 2026);
        content(kept, List.of("home", "", "en"), 2026);
        assertThat(reads).hasValue(3);

        content(kept, List.of("home", "", "ja"), 2027); // a new fiscal year, nothing written
        content(kept, List.of("home", "", "ja"), 2027);
        assertThat(reads).hasValue(4);
    }

    @Test
    void aStoreThatCannotTellItsWritesIsReadOnEveryRequest() {
        ReadStore server = new ReadStore() { // as a MongoDB server: no write stamp
            @Override
            public ReadCollection collection(String name) {
                return store.collection(name);
            }

            @Override
            public List<String> collectionNames() {
                return store.collectionNames();
            }

            @Override
            public void makeDurable() {
                store.makeDurable();
            }

            @Override
            public String describe() {
                return "a store without a write stamp";
            }

            @Override
            public void close() {
            }
        };
        KeptWhileUnwritten kept = new KeptWhileUnwritten(server);

        content(kept, "home", 2026);
        content(kept, "home", 2026);

        assertThat(reads).hasValue(2);
    }
}
