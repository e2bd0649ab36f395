package kyodo.query.platform.store.embedded;

import com.mongodb.MongoClientSettings;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDocumentWriter;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonTimestamp;
import org.bson.BsonUndefined;
import org.bson.BsonValue;
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
    void theCommonValuesAreWrittenDirectlyAsTheDriverWritesThem() {
        String awkward = "議会 \uD83C\uDF38 lone \uD800 end \uDC00\u0000 nul \u007f\u0080\u07ff\u0800\uffff \"q\" \\";
        BsonArray many = new BsonArray();
        for (int i = 0; i < 300; i++) {
            many.add(i % 3 == 0 ? new BsonInt32(i) : new BsonString("v" + i));
        }
        BsonDocument doc = new BsonDocument("_id", new BsonString("p-1"))
                .append(awkward.replace("\u0000", ""), new BsonString(awkward))
                .append("ints", new BsonArray(List.of(new BsonInt32(Integer.MIN_VALUE), new BsonInt32(-1),
                        new BsonInt32(Integer.MAX_VALUE), new BsonInt64(Long.MIN_VALUE), new BsonInt64(Long.MAX_VALUE))))
                .append("doubles", new BsonArray(List.of(new BsonDouble(-0.0), new BsonDouble(Double.NaN),
                        new BsonDouble(Double.NEGATIVE_INFINITY), new BsonDouble(Double.MIN_VALUE), new BsonDouble(0.1))))
                .append("flags", new BsonArray(List.of(BsonBoolean.TRUE, BsonBoolean.FALSE, BsonNull.VALUE)))
                .append("dates", new BsonArray(List.of(new BsonDateTime(-1), new BsonDateTime(1_700_000_000_123L))))
                .append("nested", new BsonDocument("a", new BsonDocument("b", new BsonArray(List.of(new BsonArray(),
                        new BsonDocument())))).append("empty", new BsonString("")))
                .append("many", many);
        byte[] direct = BsonBytes.of(doc);
        assertThat(direct).isNotNull().isEqualTo(bytes(doc));
        assertThat(BsonCoding.bytes(doc)).isEqualTo(bytes(doc));
        // a document of nothing but what a projection writes, many of them, after a larger one
        java.util.Random random = new java.util.Random(13);
        for (int n = 0; n < 500; n++) {
            BsonDocument one = randomDocument(random, 3);
            assertThat(BsonBytes.of(one)).as(one.toJson()).isEqualTo(bytes(one));
        }
    }

    @Test
    void aDocumentWithAnotherValueOrANameWithANullCharacterIsLeftToTheDriver() {
        BsonDocument other = new BsonDocument("_id", new BsonInt32(1)).append("deep", new BsonDocument("list",
                new BsonArray(List.of(new BsonString("s"), new BsonObjectId(new ObjectId("65a1b2c3d4e5f60718293a4c"))))));
        assertThat(BsonBytes.of(other)).isNull();
        assertThat(BsonCoding.bytes(other)).isEqualTo(bytes(other));
        BsonDocument badName = new BsonDocument("a\u0000b", new BsonInt32(1));
        assertThat(BsonBytes.of(badName)).isNull();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> BsonCoding.bytes(badName)))
                .isInstanceOf(org.bson.BsonSerializationException.class)
                .hasMessage(org.assertj.core.api.Assertions.catchThrowable(() -> bytes(badName)).getMessage());
        // the next document after one left to the driver is written whole
        BsonDocument next = new BsonDocument("_id", new BsonString("n"));
        assertThat(BsonBytes.of(next)).isEqualTo(bytes(next));
    }

    private static BsonDocument randomDocument(java.util.Random random, int depth) {
        BsonDocument doc = new BsonDocument();
        int fields = random.nextInt(8);
        for (int i = 0; i < fields; i++) {
            doc.append(randomText(random).replace("\u0000", "") + i, randomValue(random, depth));
        }
        return doc;
    }

    private static BsonValue randomValue(java.util.Random random, int depth) {
        return switch (random.nextInt(depth > 0 ? 10 : 8)) {
            case 0 -> new BsonString(randomText(random));
            case 1 -> new BsonInt32(random.nextInt());
            case 2 -> new BsonInt64(random.nextLong());
            case 3 -> new BsonDouble(Double.longBitsToDouble(random.nextLong()));
            case 4 -> BsonBoolean.valueOf(random.nextBoolean());
            case 5 -> BsonNull.VALUE;
            case 6 -> new BsonDateTime(random.nextLong());
            case 7 -> new BsonString("x".repeat(random.nextInt(20_000)));
            case 8 -> randomDocument(random, depth - 1);
            default -> {
                BsonArray array = new BsonArray();
                for (int i = random.nextInt(5); i > 0; i--) {
                    array.add(randomValue(random, depth - 1));
                }
                yield array;
            }
        };
    }

    /** Up to ten characters from anywhere in the BMP, surrogates included. */
    private static String randomText(java.util.Random random) {
        char[] chars = new char[random.nextInt(10)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000));
        }
        return new String(chars);
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
