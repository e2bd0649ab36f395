package kyodo.query.platform.store;

import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.ConfigToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToRetrieveIdentifierException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Axon's tracking tokens as documents of the read store ({@code trackingtokens}, one per processor and
 * segment, {@code _id} "processorName/segment"), so that a projection's position lives with its
 * documents and a wiped read store rebuilds itself (ADR 2), on either engine (ADR 17).
 * <p>
 * Every change is one conditional update through {@link ReadCollection}, which both engines apply
 * atomically to one document: a claim succeeds only if the token is free or already this node's, or,
 * failing that, if its owner has not extended its claim within the claim timeout (a node that died).
 * Several kyodo nodes on one MongoDB thus share a processor's segments as with Axon's own token stores.
 * <p>
 * The documents of axon-mongo's {@code MongoTokenStore}, used before, are deleted when the store starts
 * (an ObjectId {@code _id}; its unique index on processor and segment would refuse new documents beside them):
 * their processors replay once from the first event, a no-op where the documents are there already (ADR 13).
 */
public final class ReadStoreTokenStore implements TokenStore {

    public static final String COLLECTION = ReadStore.TRACKING_TOKENS;

    private static final Logger LOG = LoggerFactory.getLogger(ReadStoreTokenStore.class);
    private static final String CONFIG_PROCESSOR = "__config";
    private static final String PROCESSOR = "processorName";
    private static final String SEGMENT = "segment";
    private static final String TOKEN = "token";
    private static final String TOKEN_TYPE = "tokenType";
    private static final String OWNER = "owner";
    private static final String TIMESTAMP = "timestamp";

    private final ReadCollection tokens;
    private final Serializer serializer;
    private final Duration claimTimeout;
    private final String nodeId;
    private final Clock clock;

    /** Axon's defaults: claims expire after 10 s, this JVM ("pid@host") is the node. */
    public ReadStoreTokenStore(ReadStore store, Serializer serializer) {
        this(store.collection(COLLECTION), serializer, Duration.ofSeconds(10),
                ManagementFactory.getRuntimeMXBean().getName(), Clock.systemUTC());
    }

    /**
     * @param claimTimeout how long a claim holds without being extended before another node may take it
     * @param nodeId       who claims; distinct for every process sharing the store
     */
    public ReadStoreTokenStore(ReadCollection tokens, Serializer serializer, Duration claimTimeout, String nodeId,
                               Clock clock) {
        this.tokens = tokens;
        this.serializer = serializer;
        this.claimTimeout = claimTimeout;
        this.nodeId = nodeId;
        this.clock = clock;
        forgetLegacyTokens();
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        initializeTokenSegments(processorName, segmentCount, null);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        if (fetchSegments(processorName).length > 0) {
            throw new UnableToClaimTokenException("Unable to initialize segments of '" + processorName
                    + "': some tokens were already present");
        }
        try {
            // in order: of two nodes initialising at once, the one that loses segment 0 stops there
            tokens.insertMany(IntStream.range(0, segmentCount)
                    .mapToObj(segment -> entry(processorName, segment, initialToken)).toList());
        } catch (ReadStoreWriteException e) {
            throw new UnableToClaimTokenException("Unable to initialize segments of '" + processorName
                    + "': another node initialized them concurrently", e);
        }
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        try {
            tokens.insertMany(List.of(entry(processorName, segment, token)));
        } catch (ReadStoreWriteException e) {
            throw new UnableToInitializeTokenException("Unable to initialize token '" + processorName + "["
                    + segment + "]': it exists already", e);
        }
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        long now = clock.millis();
        SerializedObject<byte[]> data = token == null ? null : serialized(token);
        Bson update = Updates.combine(Updates.set(OWNER, nodeId), Updates.set(TIMESTAMP, now),
                Updates.set(TOKEN, data == null ? null : new Binary(data.getData())),
                Updates.set(TOKEN_TYPE, data == null ? null : data.getType().getName()));
        if (!claim(processorName, segment, update, now)) {
            throw unable(processorName, segment, "it is either claimed by another node or it does not exist");
        }
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        return claimAndRead(processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        int id = segment.getSegmentId();
        if (tokens.count(Filters.eq("_id", id(processorName, id))) == 0) {
            throw unable(processorName, id, "it has not been initialized yet");
        }
        // the segment must still be what the caller thinks: not split (its split half absent), not merged
        // (its merge partner, or itself when it has none, present)
        long present = tokens.count(Filters.and(Filters.eq(PROCESSOR, processorName),
                Filters.in(SEGMENT, segment.splitSegmentId(), segment.mergeableSegmentId())));
        if (present != 1) {
            throw unable(processorName, id, present == 0 ? "it has been merged with another segment"
                    : "it has been split into two segments");
        }
        return claimAndRead(processorName, id);
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        if (!updateOne(mine(processorName, segment), Updates.set(TIMESTAMP, clock.millis()))) {
            throw unable(processorName, segment, "its claim cannot be extended: it is not claimed by " + nodeId);
        }
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        if (!updateOne(mine(processorName, segment),
                Updates.combine(Updates.set(OWNER, null), Updates.set(TIMESTAMP, clock.millis())))) {
            LOG.debug("Token {}[{}] was not claimed by {}: nothing to release", processorName, segment, nodeId);
        }
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        if (tokens.bulkWrite(List.of(new DeleteOneModel<>(mine(processorName, segment)))).deleted() == 0) {
            throw unable(processorName, segment, "it cannot be deleted: it is not claimed by " + nodeId);
        }
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return true;
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return entries(processorName).stream().mapToInt(entry -> entry.getInteger(SEGMENT)).toArray();
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        List<Document> entries = entries(processorName);
        int[] all = entries.stream().mapToInt(entry -> entry.getInteger(SEGMENT)).toArray();
        long expired = clock.millis() - claimTimeout.toMillis();
        return entries.stream()
                .filter(entry -> entry.get(OWNER) == null || nodeId.equals(entry.get(OWNER))
                        || entry.get(TIMESTAMP, Number.class).longValue() < expired)
                .map(entry -> Segment.computeSegment(entry.getInteger(SEGMENT), all))
                .toList();
    }

    /** Created once per store, so that two token stores on the same documents say they are the same. */
    @Override
    public Optional<String> retrieveStorageIdentifier() throws UnableToRetrieveIdentifierException {
        try {
            Document config = tokens.find(Filters.eq("_id", id(CONFIG_PROCESSOR, 0))).first();
            if (config == null) {
                try {
                    tokens.insertMany(List.of(entry(CONFIG_PROCESSOR, 0,
                            new ConfigToken(Map.of("id", UUID.randomUUID().toString())))));
                } catch (ReadStoreWriteException e) {
                    LOG.debug("Another node created the token store's identifier first", e);
                }
                config = tokens.find(Filters.eq("_id", id(CONFIG_PROCESSOR, 0))).first();
            }
            return Optional.ofNullable(((ConfigToken) token(config)).get("id"));
        } catch (RuntimeException e) {
            throw new UnableToRetrieveIdentifierException("Could not read or create the token store's identifier", e);
        }
    }

    /**
     * Claims the token with the update: first if it is free or this node's, else if its claim expired.
     * Two updates because the store's language has no {@code $or}; each is atomic on its own, and the
     * second cannot take a claim the first found alive unless its owner let it lapse meanwhile.
     */
    private boolean claim(String processorName, int segment, Bson update, long now) {
        String id = id(processorName, segment);
        return updateOne(Filters.and(Filters.eq("_id", id), Filters.in(OWNER, null, nodeId)), update)
                || updateOne(Filters.and(Filters.eq("_id", id),
                Filters.lt(TIMESTAMP, now - claimTimeout.toMillis())), update);
    }

    private TrackingToken claimAndRead(String processorName, int segment) {
        long now = clock.millis();
        boolean claimed = claim(processorName, segment,
                Updates.combine(Updates.set(OWNER, nodeId), Updates.set(TIMESTAMP, now)), now);
        Document entry = tokens.find(Filters.eq("_id", id(processorName, segment))).first();
        if (entry == null) {
            throw unable(processorName, segment, "it has not been initialized yet");
        }
        // read after the claim: only the owner changes a token, so what is read is what this node owns
        if (!claimed || !nodeId.equals(entry.getString(OWNER))) {
            throw unable(processorName, segment, "it is owned by '" + entry.getString(OWNER) + "'");
        }
        return token(entry);
    }

    private void forgetLegacyTokens() {
        List<Object> legacy = tokens.find().projection(Projections.include("_id")).map(entry -> entry.get("_id"))
                .stream().filter(id -> !(id instanceof String)).toList();
        if (!legacy.isEmpty()) {
            LOG.info("Deleting {} tracking token(s) of the former Mongo token store: their projections replay once",
                    legacy.size());
            tokens.deleteMany(Filters.in("_id", legacy));
        }
    }

    private boolean updateOne(Bson filter, Bson update) {
        return tokens.bulkWrite(List.of(new UpdateOneModel<>(filter, update))).matched() > 0;
    }

    private Bson mine(String processorName, int segment) {
        return Filters.and(Filters.eq("_id", id(processorName, segment)), Filters.eq(OWNER, nodeId));
    }

    private List<Document> entries(String processorName) {
        return tokens.find(Filters.eq(PROCESSOR, processorName)).sort(Sorts.ascending(SEGMENT))
                .projection(Projections.include(SEGMENT, OWNER, TIMESTAMP)).into(new ArrayList<>());
    }

    /** A new, unclaimed entry. */
    private Document entry(String processorName, int segment, TrackingToken token) {
        SerializedObject<byte[]> data = token == null ? null : serialized(token);
        return new Document("_id", id(processorName, segment))
                .append(PROCESSOR, processorName)
                .append(SEGMENT, segment)
                .append(TOKEN, data == null ? null : new Binary(data.getData()))
                .append(TOKEN_TYPE, data == null ? null : data.getType().getName())
                .append(OWNER, null)
                .append(TIMESTAMP, clock.millis());
    }

    private SerializedObject<byte[]> serialized(TrackingToken token) {
        return serializer.serialize(token, byte[].class);
    }

    private TrackingToken token(Document entry) {
        Object data = entry.get(TOKEN);
        if (data == null) {
            return null;
        }
        byte[] bytes = data instanceof Binary binary ? binary.getData() : (byte[]) data;
        return serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class,
                entry.getString(TOKEN_TYPE), null));
    }

    private static String id(String processorName, int segment) {
        return processorName + "/" + segment;
    }

    private static UnableToClaimTokenException unable(String processorName, int segment, String why) {
        return new UnableToClaimTokenException("Unable to claim token '" + processorName + "[" + segment + "]': " + why);
    }
}
