package kyodo.query.platform.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import kyodo.query.audit.AuditFixtures;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.proposal.TestStores;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole token-store contract of Axon 4.13 on the read store, with two nodes ("a" and "b") sharing
 * one collection as two kyodo processes share one MongoDB.
 */
class ReadStoreTokenStoreTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final GlobalSequenceTrackingToken AT_7 = new GlobalSequenceTrackingToken(7);

    private final TestStores stores = new TestStores();
    private final MongoDatabase database = stores.freshDatabase();
    private final ReadStore store = MongoReadStore.of(database);
    private final Serializer serializer = JacksonSerializer.defaultSerializer();
    private final AuditFixtures.MutableClock clock = new AuditFixtures.MutableClock(Instant.parse("2026-12-05T04:00:00Z"));
    private final ReadStoreTokenStore a = node("a");
    private final ReadStoreTokenStore b = node("b");

    @AfterEach
    void close() {
        stores.close();
    }

    private ReadStoreTokenStore node(String id) {
        return new ReadStoreTokenStore(store.collection(ReadStoreTokenStore.COLLECTION), serializer, TIMEOUT, id,
                clock);
    }

    @Test
    void initializedSegmentsHoldTheInitialTokenUnclaimed() {
        a.initializeTokenSegments("views", 3, AT_7);

        assertThat(a.requiresExplicitSegmentInitialization()).isTrue();
        assertThat(a.fetchSegments("views")).containsExactly(0, 1, 2);
        assertThat(b.fetchSegments("other")).isEmpty();
        assertThat(b.fetchAvailableSegments("views")).extracting(Segment::getSegmentId).containsExactly(0, 1, 2);
        assertThat(b.fetchToken("views", 2)).isEqualTo(AT_7);
    }

    @Test
    void aProcessorIsInitializedOnlyOnce() {
        a.initializeTokenSegments("views", 2);

        assertThatThrownBy(() -> b.initializeTokenSegments("views", 2))
                .isInstanceOf(UnableToClaimTokenException.class);
        assertThat(a.fetchToken("views", 0)).isNull();
        assertThat(a.fetchSegments("views")).containsExactly(0, 1);
    }

    @Test
    void aStoredTokenIsKeptAsBytesWithItsTypeInOneDocumentPerSegment() {
        a.initializeTokenSegments("views", 1);
        a.fetchToken("views", 0);
        a.storeToken(AT_7, "views", 0);

        Document stored = store.collection("trackingtokens").find(Filters.eq("_id", "views/0")).first();
        assertThat(stored.getString("processorName")).isEqualTo("views");
        assertThat(stored.getInteger("segment")).isZero();
        assertThat(stored.get("token")).isInstanceOf(Binary.class);
        assertThat(stored.getString("tokenType")).isEqualTo(GlobalSequenceTrackingToken.class.getName());
        assertThat(stored.getString("owner")).isEqualTo("a");
        assertThat(stored.getLong("timestamp")).isEqualTo(clock.millis());
        assertThat(a.fetchToken("views", 0)).isEqualTo(AT_7);
    }

    @Test
    void aReplayTokenSurvivesTheRoundTrip() {
        a.initializeTokenSegments("views", 1);
        TrackingToken replay = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(40),
                new GlobalSequenceTrackingToken(3));
        a.storeToken(replay, "views", 0);

        assertThat(a.fetchToken("views", 0)).isEqualTo(replay);
        a.storeToken(null, "views", 0);
        assertThat(a.fetchToken("views", 0)).isNull();
    }

    @Test
    void aSegmentThatWasNeverInitializedCannotBeClaimedNorStored() {
        assertThatThrownBy(() -> a.fetchToken("views", 0)).isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("not been initialized");
        assertThatThrownBy(() -> a.storeToken(AT_7, "views", 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThatThrownBy(() -> a.extendClaim("views", 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThat(a.fetchSegments("views")).isEmpty();
    }

    @Test
    void aClaimedSegmentBelongsToItsNodeUntilReleased() {
        a.initializeTokenSegments("views", 2);
        a.fetchToken("views", 0);

        assertThatThrownBy(() -> b.fetchToken("views", 0)).isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("owned by 'a'");
        assertThatThrownBy(() -> b.storeToken(AT_7, "views", 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThatThrownBy(() -> b.extendClaim("views", 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThatThrownBy(() -> b.deleteToken("views", 0)).isInstanceOf(UnableToClaimTokenException.class);
        b.releaseClaim("views", 0);
        assertThat(b.fetchAvailableSegments("views")).extracting(Segment::getSegmentId).containsExactly(1);
        assertThat(a.fetchAvailableSegments("views")).extracting(Segment::getSegmentId).containsExactly(0, 1);
        a.storeToken(AT_7, "views", 0);
        a.extendClaim("views", 0);

        a.releaseClaim("views", 0);

        assertThat(b.fetchToken("views", 0)).isEqualTo(AT_7);
        assertThatThrownBy(() -> a.fetchToken("views", 0)).isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("owned by 'b'");
    }

    @Test
    void storingOnAFreeSegmentClaimsIt() {
        a.initializeTokenSegments("views", 1);

        b.storeToken(AT_7, "views", 0);

        assertThatThrownBy(() -> a.fetchToken("views", 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThat(b.fetchToken("views", 0)).isEqualTo(AT_7);
    }

    @Test
    void aClaimThatIsExtendedHoldsAndOneThatLapsesIsStolen() {
        a.initializeTokenSegments("views", 1);
        a.fetchToken("views", 0);
        a.storeToken(AT_7, "views", 0);

        clock.advance(TIMEOUT.minusSeconds(1));
        a.extendClaim("views", 0);
        clock.advance(TIMEOUT);
        assertThatThrownBy(() -> b.fetchToken("views", 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThat(b.fetchAvailableSegments("views")).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(b.fetchAvailableSegments("views")).extracting(Segment::getSegmentId).containsExactly(0);
        assertThat(b.fetchToken("views", 0)).isEqualTo(AT_7);

        assertThatThrownBy(() -> a.extendClaim("views", 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThatThrownBy(() -> a.storeToken(new GlobalSequenceTrackingToken(9), "views", 0))
                .isInstanceOf(UnableToClaimTokenException.class);
        assertThat(b.fetchToken("views", 0)).isEqualTo(AT_7);
    }

    @Test
    void ofTwoNodesClaimingAtOnceExactlyOneGetsTheSegment() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String processor = "race" + round;
                a.initializeTokenSegments(processor, 1);
                List<Future<Boolean>> claims = threads.invokeAll(List.of(claims(a, processor), claims(b, processor)));

                assertThat(claims.get(0).get() ^ claims.get(1).get()).as("round " + round).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static Callable<Boolean> claims(ReadStoreTokenStore node, String processor) {
        return () -> {
            try {
                node.fetchToken(processor, 0);
                return true;
            } catch (UnableToClaimTokenException e) {
                return false;
            }
        };
    }

    @Test
    void aSegmentIsInitializedOnceAndDeletedOnlyByItsOwner() {
        a.initializeTokenSegments("views", 1);
        a.initializeSegment(AT_7, "views", 1);
        a.fetchToken("views", 1);

        assertThatThrownBy(() -> a.initializeSegment(null, "views", 1))
                .isInstanceOf(UnableToInitializeTokenException.class);
        assertThat(b.fetchToken("views", 0)).isNull();
        assertThatThrownBy(() -> a.deleteToken("views", 0)).isInstanceOf(UnableToClaimTokenException.class);

        a.deleteToken("views", 1);

        assertThat(a.fetchSegments("views")).containsExactly(0);
        assertThatThrownBy(() -> a.fetchToken("views", 1)).hasMessageContaining("not been initialized");
    }

    @Test
    void aSegmentThatWasSplitOrMergedMeanwhileIsNotClaimed() {
        a.initializeTokenSegments("views", 2, AT_7);

        assertThat(a.fetchToken("views", Segment.computeSegment(1, 0, 1))).isEqualTo(AT_7);
        assertThatThrownBy(() -> b.fetchToken("views", Segment.ROOT_SEGMENT))
                .isInstanceOf(UnableToClaimTokenException.class).hasMessageContaining("split");

        a.deleteToken("views", 1);

        assertThatThrownBy(() -> b.fetchToken("views", Segment.computeSegment(0, 0, 1)))
                .isInstanceOf(UnableToClaimTokenException.class).hasMessageContaining("merged");
        assertThat(b.fetchToken("views", Segment.ROOT_SEGMENT)).isEqualTo(AT_7);
    }

    @Test
    void theStorageIdentifierIsOnePerStoreAndNoProcessorsSegment() {
        String identifier = a.retrieveStorageIdentifier().orElseThrow();

        assertThat(b.retrieveStorageIdentifier()).contains(identifier);
        assertThat(a.retrieveStorageIdentifier()).contains(identifier);
        ReadStore elsewhere = MongoReadStore.of(stores.freshDatabase());
        assertThat(new ReadStoreTokenStore(elsewhere, serializer).retrieveStorageIdentifier().orElseThrow())
                .isNotEqualTo(identifier);
        assertThat(a.fetchSegments("views")).isEmpty();
    }

    @Test
    void tokensOfTheFormerMongoTokenStoreAreDeletedAndTheirProcessorsStartOver() {
        // what axon-mongo's MongoTokenStore left: ObjectId ids, a unique index on processor and segment
        MongoCollection<Document> legacy = database.getCollection(ReadStoreTokenStore.COLLECTION);
        legacy.createIndex(Indexes.ascending("processorName", "segment"), new IndexOptions().unique(true));
        legacy.insertOne(new Document("_id", new ObjectId()).append("processorName", "views").append("segment", 0)
                .append("token", serializer.serialize(AT_7, byte[].class).getData())
                .append("tokenType", GlobalSequenceTrackingToken.class.getName())
                .append("owner", null).append("timestamp", clock.millis()));
        legacy.insertOne(new Document("_id", new ObjectId()).append("processorName", "__config").append("segment", 0)
                .append("owner", null).append("timestamp", clock.millis()));

        ReadStoreTokenStore upgraded = node("c");

        assertThat(legacy.countDocuments()).isZero();
        assertThat(upgraded.fetchSegments("views")).isEmpty();
        upgraded.initializeTokenSegments("views", 1);
        assertThat(upgraded.fetchToken("views", 0)).isNull();
        assertThat(upgraded.retrieveStorageIdentifier()).isPresent();
        assertThat(node("d").fetchSegments("views")).containsExactly(0);
    }

}
