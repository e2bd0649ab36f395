package kyodo.query.platform.store.embedded;

import com.mongodb.MongoClientSettings;
import org.bson.BsonBinary;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDocumentWriter;
import org.bson.BsonInt32;
import org.bson.BsonJavaScript;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonTimestamp;
import org.bson.BsonUndefined;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's own conversions give byte for byte what the driver's codecs give: a projection's
 * {@link Document} to BSON (field order, {@code _id} first, every value's type), a BSON document to
 * its bytes, and the bytes back.
 */
class BsonCodingTest {

    private static final DocumentCodec DOCUMENTS = new DocumentCodec(MongoClientSettings.getDefaultCodecRegistry());
    private static final BsonDocumentCodec BSON = new BsonDocumentCodec();

    /** Every kind of value a projection writes, and some it does not, nested in documents and lists. */
    private static Document everything() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", 2L);
        map.put("a", "x");
        List<Object> list = new ArrayList<>(Arrays.asList("s", 1, 2L, 3.5, true, null, new Document("k", "v"),
                List.of(1, "two"), new Date(1_700_000_000_000L)));
        return new Document("name", "議会 proposal")
                .append("count", 7)
                .append("_id", "p-1")
                .append("big", Long.MAX_VALUE)
                .append("ratio", 0.25)
                .append("flag", false)
                .append("none", null)
                .append("nested", new Document("_id", 3).append("z", 1).append("a", new Document("deep", List.of())))
                .append("list", list)
                .append("set", new LinkedHashSet<>(List.of("b", "a")))
                .append("map", map)
                .append("date", new Date(1_600_000_000_000L))
                .append("instant", Instant.ofEpochSecond(1_650_000_000L))
                .append("oid", new ObjectId("65a1b2c3d4e5f60718293a4b"))
                .append("decimal", new Decimal128(new BigDecimal("12.50")))
                .append("bigDecimal", new BigDecimal("3.14"))
                .append("short", (short) 5)
                .append("float", 1.5f)
                .append("bytes", new byte[] {1, 2, 3})
                .append("bson", new BsonDocument("q", new BsonInt32(1)))
                .append("bsonString", new BsonString("raw"));
    }

    @Test
    void documentToBsonIsWhatTheDriversCodecGives() {
        Document doc = everything();
        assertThat(bytes(BsonCoding.document(doc, true))).isEqualTo(bytes(viaCodec(doc, true)));
        assertThat(bytes(BsonCoding.document(doc, false))).isEqualTo(bytes(viaCodec(doc, false)));
        assertThat(BsonCoding.document(doc, true).getFirstKey()).isEqualTo("_id");
        assertThat(BsonCoding.document(doc, false).getFirstKey()).isEqualTo("name");
        assertThat(BsonCoding.document(new Document(), true)).isEmpty();
    }

    @Test
    void documentToBytesIsWhatTheBsonDocumentCodecWrites() {
        BsonDocument doc = viaCodec(everything(), true)
                .append("regex", new BsonRegularExpression("^a", "i"))
                .append("binary", new BsonBinary(new byte[] {9, 8}))
                .append("timestamp", new BsonTimestamp(5, 6))
                .append("dateTime", new BsonDateTime(-1))
                .append("decimal128", new BsonDecimal128(Decimal128.parse("-0.001")))
                .append("objectId", new BsonObjectId(new ObjectId("65a1b2c3d4e5f60718293a4c")))
                .append("symbol", new BsonSymbol("s"))
                .append("code", new BsonJavaScript("f()"))
                .append("min", new BsonMinKey())
                .append("max", new BsonMaxKey())
                .append("undefined", new BsonUndefined())
                .append("raw", new RawBsonDocument(new BsonDocument("r", new BsonString("w")), BSON));
        assertThat(BsonCoding.bytes(doc)).isEqualTo(bytes(doc));
        // the buffer is reused: a smaller document after a larger one is not padded with the larger's tail
        BsonDocument small = new BsonDocument("_id", new BsonInt32(1));
        assertThat(BsonCoding.bytes(small)).isEqualTo(bytes(small));
        BsonDocument large = new BsonDocument("_id", new BsonString("x".repeat(200_000)));
        assertThat(BsonCoding.bytes(large)).isEqualTo(bytes(large));
        assertThat(BsonCoding.bytes(small)).isEqualTo(bytes(small));
    }

    @Test
    void bytesDecodeToTheSameDocumentFreeToChange() {
        BsonDocument doc = viaCodec(everything(), true)
                .append("regex", new BsonRegularExpression("^a", "i"))
                .append("timestamp", new BsonTimestamp(5, 6));
        byte[] bytes = bytes(doc);
        BsonDocument decoded = BsonCoding.decode(bytes, new BsonDocument());
        assertThat(decoded).isEqualTo(new RawBsonDocument(bytes).decode(BSON));
        assertThat(bytes(decoded)).isEqualTo(bytes);
        decoded.getDocument("nested").put("z", new BsonInt32(2));
        decoded.getArray("list").remove(0);
        assertThat(bytes(BsonCoding.decode(bytes, new BsonDocument()))).isEqualTo(bytes);
        // a stored document read lazily, then whole, is the same document
        LazyDocument lazy = new LazyDocument(bytes);
        assertThat(lazy.get("count")).isEqualTo(new BsonInt32(7));
        assertThat(lazy.keySet()).containsExactlyElementsOf(doc.keySet());
        assertThat(bytes(lazy)).isEqualTo(bytes);
    }

    /** An index build reads only its fields: each named top-level field decodes as in the whole document. */
    @Test
    void namedFieldsDecodeAsInTheWholeDocumentTheOthersSkipped() {
        BsonDocument doc = viaCodec(everything(), true).append("regex", new BsonRegularExpression("^a", "i"));
        byte[] bytes = bytes(doc);
        BsonDocument whole = BsonCoding.decode(bytes, new BsonDocument());
        BsonDocument some = BsonCoding.decodeFields(bytes, java.util.Set.of("nested", "_id", "oid", "list", "absent"));
        assertThat(some.keySet()).containsExactly("_id", "nested", "list", "oid");
        for (String field : some.keySet()) {
            assertThat(some.get(field)).isEqualTo(whole.get(field));
        }
        assertThat(BsonCoding.decodeFields(bytes, java.util.Set.of())).isEmpty();
    }

    private static BsonDocument viaCodec(Document doc, boolean collectible) {
        BsonDocument out = new BsonDocument();
        DOCUMENTS.encode(new BsonDocumentWriter(out), doc,
                EncoderContext.builder().isEncodingCollectibleDocument(collectible).build());
        return out;
    }

    private static byte[] bytes(BsonDocument doc) {
        BasicOutputBuffer out = new BasicOutputBuffer();
        BSON.encode(new BsonBinaryWriter(out), doc, EncoderContext.builder().build());
        return out.toByteArray();
    }
}
