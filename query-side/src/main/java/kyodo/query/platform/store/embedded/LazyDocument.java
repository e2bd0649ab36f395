package kyodo.query.platform.store.embedded;

import org.bson.BsonBinaryReader;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.codecs.BsonValueCodec;
import org.bson.codecs.DecoderContext;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A stored document whose top-level fields are decoded when first asked for: a filter, a sort or an
 * index reads a few fields of a large document (a proposal with hundreds of search bigrams), and
 * skipping the others costs far less than decoding them. Anything that needs the whole document
 * decodes it once. For one thread.
 */
final class LazyDocument extends BsonDocument {

    private static final BsonValueCodec VALUES = new BsonValueCodec();
    private static final DecoderContext CONTEXT = DecoderContext.builder().build();

    private final transient byte[] bytes;
    private transient Map<String, BsonValue> fields;
    private transient boolean whole;

    LazyDocument(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public BsonValue get(Object key) {
        if (whole) {
            return super.get(key);
        }
        if (fields == null) {
            fields = new HashMap<>(8);
        } else if (fields.containsKey(key)) {
            return fields.get(key);
        }
        BsonValue value = find(String.valueOf(key));
        fields.put(String.valueOf(key), value);
        return value;
    }

    private BsonValue find(String name) {
        try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(bytes))) {
            reader.readStartDocument();
            while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                if (reader.readName().equals(name)) {
                    return VALUES.decode(reader, CONTEXT);
                }
                reader.skipValue();
            }
            return null;
        }
    }

    private BsonDocument whole() {
        if (!whole) {
            whole = true; // before the decoding's puts, which go to the map itself
            BsonCoding.decode(bytes, this);
            fields = null;
        }
        return this;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        whole();
        return super.size();
    }

    @Override
    public boolean isEmpty() {
        whole();
        return super.isEmpty();
    }

    @Override
    public boolean containsValue(Object value) {
        whole();
        return super.containsValue(value);
    }

    @Override
    public Set<String> keySet() {
        whole();
        return super.keySet();
    }

    @Override
    public Collection<BsonValue> values() {
        whole();
        return super.values();
    }

    @Override
    public Set<Map.Entry<String, BsonValue>> entrySet() {
        whole();
        return super.entrySet();
    }

    @Override
    public String getFirstKey() {
        whole();
        return super.getFirstKey();
    }

    @Override
    public BsonDocument clone() {
        whole();
        return super.clone();
    }

    @Override
    public boolean equals(Object o) {
        whole();
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        whole();
        return super.hashCode();
    }

    @Override
    public String toString() {
        whole();
        return super.toString();
    }
}
