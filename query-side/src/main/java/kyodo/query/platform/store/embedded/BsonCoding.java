package kyodo.query.platform.store.embedded;

import com.mongodb.MongoClientSettings;
import org.bson.BsonArray;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDocumentWriter;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonReader;
import org.bson.BsonString;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.BsonWriter;
import org.bson.Document;
import org.bson.codecs.BsonValueCodec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two conversions every write of the engine makes, without the driver's codec registry for the
 * common values: a {@link Document} of the projections to a {@link BsonDocument} (as the driver's
 * {@link DocumentCodec} would give it), and a {@link BsonDocument} to its BSON bytes (as the
 * {@code BsonDocumentCodec} would write them), and those bytes back to a {@link BsonDocument}. The registry looks a codec up per value, which cost
 * most of what a replay's writes allocate; strings, numbers, booleans, nulls, documents and arrays
 * are converted here, and any other value goes through the same codecs as before, so the result is
 * the same in every case.
 */
final class BsonCoding {

    private static final DocumentCodec DOCUMENTS = new DocumentCodec(MongoClientSettings.getDefaultCodecRegistry());
    private static final BsonValueCodec VALUES = new BsonValueCodec();
    private static final EncoderContext CONTEXT = EncoderContext.builder().build();
    /** Larger than most documents, so that encoding one rarely grows it; one per writing thread. */
    private static final int BUFFER = 16 * 1024;
    private static final ThreadLocal<BasicOutputBuffer> BUFFERS = ThreadLocal.withInitial(() -> new BasicOutputBuffer(BUFFER));

    private BsonCoding() {
    }

    /**
     * The document as the driver would send it.
     *
     * @param collectible whether {@code _id} goes first (a document to store, not an update or a filter)
     */
    static BsonDocument document(Document doc, boolean collectible) {
        BsonDocument out = new BsonDocument();
        if (collectible && doc.containsKey("_id")) {
            out.put("_id", value(doc.get("_id")));
        }
        for (Map.Entry<String, Object> e : doc.entrySet()) {
            if (!collectible || !e.getKey().equals("_id")) {
                out.put(e.getKey(), value(e.getValue()));
            }
        }
        return out;
    }

    /** One value as the driver's {@link DocumentCodec} writes it inside a document. */
    private static BsonValue value(Object value) {
        if (value == null) {
            return BsonNull.VALUE;
        }
        if (value instanceof String s) {
            return new BsonString(s);
        }
        if (value instanceof Integer i) {
            return new BsonInt32(i);
        }
        if (value instanceof Long l) {
            return new BsonInt64(l);
        }
        if (value instanceof Boolean b) {
            return BsonBoolean.valueOf(b);
        }
        if (value instanceof Double d) {
            return new BsonDouble(d);
        }
        if (value instanceof Document d) {
            return document(d, false);
        }
        if (value instanceof List<?> list) {
            BsonArray array = new BsonArray(list.size());
            for (Object item : list) {
                array.add(value(item));
            }
            return array;
        }
        // anything else (dates, ids, decimals, other maps and iterables, BSON values): the driver's codecs
        BsonDocument one = new BsonDocument();
        DOCUMENTS.encode(new BsonDocumentWriter(one), new Document("v", value), CONTEXT);
        return one.get("v");
    }

    /** The document's BSON bytes, its fields in their order ({@link BsonBytes}, or the driver's writer for other values). */
    static byte[] bytes(BsonDocument doc) {
        byte[] direct = BsonBytes.of(doc);
        if (direct != null) {
            return direct;
        }
        BasicOutputBuffer out = BUFFERS.get();
        out.truncateToPosition(0);
        write(new BsonBinaryWriter(out), doc);
        byte[] bytes = out.toByteArray();
        if (out.getInternalBuffer().length > 4 * BUFFER) {
            BUFFERS.remove(); // one very large document does not stay on the heap
        }
        return bytes;
    }

    /** A stored document decoded whole into {@code into} (fresh values, free to change). */
    static <D extends BsonDocument> D decode(byte[] bytes, D into) {
        try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(bytes))) {
            readFields(reader, into);
        }
        return into;
    }

    /**
     * Only the named top-level fields of a stored document, decoded (fresh values), the others skipped
     * unread: what an index build needs of a document whose indexed fields are a small part of it.
     */
    static BsonDocument decodeFields(byte[] bytes, Set<String> names) {
        BsonDocument into = new BsonDocument();
        try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(bytes))) {
            reader.readStartDocument();
            while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                String name = reader.readName();
                if (names.contains(name)) {
                    into.put(name, read(reader));
                } else {
                    reader.skipValue();
                }
            }
            reader.readEndDocument();
        }
        return into;
    }

    private static void readFields(BsonReader reader, BsonDocument into) {
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            into.put(reader.readName(), read(reader));
        }
        reader.readEndDocument();
    }

    private static BsonValue read(BsonReader reader) {
        return switch (reader.getCurrentBsonType()) {
            case STRING -> new BsonString(reader.readString());
            case INT32 -> new BsonInt32(reader.readInt32());
            case INT64 -> new BsonInt64(reader.readInt64());
            case BOOLEAN -> BsonBoolean.valueOf(reader.readBoolean());
            case DOUBLE -> new BsonDouble(reader.readDouble());
            case NULL -> {
                reader.readNull();
                yield BsonNull.VALUE;
            }
            case DATE_TIME -> new BsonDateTime(reader.readDateTime());
            case DOCUMENT -> {
                BsonDocument doc = new BsonDocument();
                readFields(reader, doc);
                yield doc;
            }
            case ARRAY -> {
                BsonArray array = new BsonArray();
                reader.readStartArray();
                while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                    array.add(read(reader));
                }
                reader.readEndArray();
                yield array;
            }
            default -> VALUES.decode(reader, DecoderContext.builder().build());
        };
    }

    private static void write(BsonWriter writer, BsonDocument doc) {
        writer.writeStartDocument();
        for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
            writer.writeName(e.getKey());
            write(writer, e.getValue());
        }
        writer.writeEndDocument();
    }

    private static void write(BsonWriter writer, BsonValue value) {
        switch (value.getBsonType()) {
            case STRING -> writer.writeString(value.asString().getValue());
            case INT32 -> writer.writeInt32(value.asInt32().getValue());
            case INT64 -> writer.writeInt64(value.asInt64().getValue());
            case BOOLEAN -> writer.writeBoolean(value.asBoolean().getValue());
            case DOUBLE -> writer.writeDouble(value.asDouble().getValue());
            case NULL -> writer.writeNull();
            case DATE_TIME -> writer.writeDateTime(value.asDateTime().getValue());
            case DOCUMENT -> write(writer, value.asDocument());
            case ARRAY -> {
                writer.writeStartArray();
                for (BsonValue item : value.asArray()) {
                    write(writer, item);
                }
                writer.writeEndArray();
            }
            default -> VALUES.encode(writer, value, CONTEXT);
        }
    }
}
