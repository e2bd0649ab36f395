package kyodo.query.platform.store.embedded;

import org.bson.BsonBinaryReader;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Include or exclude of top-level fields; {@code _id} stays unless excluded by name. */
final class Projection {

    static final Projection NONE = new Projection(false, Set.of(), false);

    private final boolean include;
    private final Set<String> fields;
    private final boolean withoutId;

    private Projection(boolean include, Set<String> fields, boolean withoutId) {
        this.include = include;
        this.fields = fields;
        this.withoutId = withoutId;
    }

    static Projection compile(Bson projection) {
        if (projection == null) {
            return NONE;
        }
        Set<String> included = new LinkedHashSet<>();
        Set<String> excluded = new LinkedHashSet<>();
        boolean withoutId = false;
        for (Map.Entry<String, BsonValue> e : projection.toBsonDocument().entrySet()) {
            String field = e.getKey();
            BsonValue v = e.getValue();
            boolean on;
            if (v.isBoolean()) {
                on = v.asBoolean().getValue();
            } else if (v.isNumber()) {
                on = v.asNumber().doubleValue() != 0;
            } else {
                throw new IllegalArgumentException("unsupported projection of " + field + ": " + v);
            }
            if (field.isEmpty() || field.contains(".") || field.startsWith("$")) {
                throw new IllegalArgumentException("unsupported projection path: '" + field + "' (top-level fields only)");
            }
            if (field.equals("_id")) {
                withoutId = !on;
            } else {
                (on ? included : excluded).add(field);
            }
        }
        if (!included.isEmpty() && !excluded.isEmpty()) {
            throw new IllegalArgumentException("a projection either includes or excludes fields: " + projection);
        }
        boolean include = !included.isEmpty();
        return new Projection(include, Set.copyOf(include ? included : excluded), withoutId);
    }

    /**
     * The stored document's bytes with only the fields the projection keeps, copied element by element
     * without decoding the others: a list page of proposals then never decodes their hundreds of
     * search tokens.
     */
    byte[] keep(byte[] bytes) {
        if (this == NONE) {
            return bytes;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        out.writeBytes(new byte[4]);
        try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(bytes))) {
            reader.readStartDocument();
            int start = reader.getBsonInput().getPosition();
            while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                String name = reader.readName();
                reader.skipValue();
                int end = reader.getBsonInput().getPosition();
                if (keeps(name)) {
                    out.write(bytes, start, end - start);
                }
                start = end;
            }
        }
        out.write(0);
        byte[] kept = out.toByteArray();
        ByteBuffer.wrap(kept).order(ByteOrder.LITTLE_ENDIAN).putInt(0, kept.length);
        return kept;
    }

    private boolean keeps(String field) {
        if (field.equals("_id")) {
            return !withoutId;
        }
        return include == fields.contains(field);
    }

    Document apply(Document doc) {
        if (include) {
            doc.keySet().removeIf(field -> field.equals("_id") ? withoutId : !fields.contains(field));
        } else {
            doc.keySet().removeIf(field -> field.equals("_id") ? withoutId : fields.contains(field));
        }
        return doc;
    }
}
