package kyodo.query.platform.store.embedded;

import org.bson.BsonArray;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An update compiled once: {@code $set $setOnInsert $unset $inc $push $addToSet} (the last two with
 * {@code $each}) on fields or dotted paths, applied to a mutable document as MongoDB would.
 */
final class Update {

    private record Step(String operator, String path, String[] parts, BsonValue value) {
    }

    private final List<Step> steps;
    /** The top-level fields its steps change. */
    private final Set<String> touched = new HashSet<>();

    private Update(List<Step> steps) {
        this.steps = steps;
        steps.forEach(step -> touched.add(step.parts()[0]));
    }

    /** Whether any of its steps changes the top-level field or something inside it. */
    boolean touches(String field) {
        return touched.contains(field);
    }

    static Update compile(Bson update) {
        if (update == null) {
            throw new IllegalArgumentException("unsupported update: a pipeline");
        }
        // a projection's update is mostly a Document: converted without the driver's codec registry
        BsonDocument doc = update instanceof org.bson.Document plain ? BsonCoding.document(plain, false)
                : update.toBsonDocument();
        if (doc.isEmpty()) {
            throw new IllegalArgumentException("an update needs at least one operator");
        }
        List<Step> steps = new ArrayList<>();
        for (Map.Entry<String, BsonValue> op : doc.entrySet()) {
            String operator = op.getKey();
            if (!List.of("$set", "$setOnInsert", "$unset", "$inc", "$push", "$addToSet").contains(operator)) {
                throw new IllegalArgumentException("unsupported update operator " + operator);
            }
            if (!op.getValue().isDocument()) {
                throw new IllegalArgumentException(operator + " takes a document, not " + op.getValue());
            }
            for (Map.Entry<String, BsonValue> field : op.getValue().asDocument().entrySet()) {
                BsonValue value = field.getValue();
                if (operator.equals("$inc") && !value.isNumber() && !value.isDecimal128()) {
                    throw new IllegalArgumentException("$inc on " + field.getKey() + " needs a number, not " + value);
                }
                if ((operator.equals("$push") || operator.equals("$addToSet")) && value.isDocument()
                        && !value.asDocument().isEmpty() && value.asDocument().getFirstKey().startsWith("$")) {
                    BsonDocument modifiers = value.asDocument();
                    if (modifiers.size() != 1 || !modifiers.containsKey("$each") || !modifiers.get("$each").isArray()) {
                        throw new IllegalArgumentException("unsupported " + operator + " modifiers on " + field.getKey()
                                + ": " + modifiers.keySet() + " (only $each with an array)");
                    }
                }
                steps.add(new Step(operator, field.getKey(), Paths.split(field.getKey()), value));
            }
        }
        return new Update(List.copyOf(steps));
    }

    /** Applies the update; {@code inserting} says whether $setOnInsert applies (an upsert's new document). */
    void apply(BsonDocument doc, boolean inserting) {
        BsonValue id = doc.get("_id");
        for (Step step : steps) {
            switch (step.operator()) {
                case "$set" -> set(doc, step.parts(), step.value());
                case "$setOnInsert" -> {
                    if (inserting) {
                        set(doc, step.parts(), step.value());
                    }
                }
                case "$unset" -> unset(doc, step.parts());
                case "$inc" -> {
                    BsonValue current = get(doc, step.parts());
                    set(doc, step.parts(), current == null ? step.value() : add(step.path(), current, step.value()));
                }
                default -> {
                    BsonValue current = get(doc, step.parts());
                    if (current != null && !current.isArray()) {
                        throw new Refusal(step.operator() + " on " + step.path() + ", which is not an array", false);
                    }
                    BsonArray array = current == null ? new BsonArray() : current.asArray();
                    boolean each = step.value().isDocument() && step.value().asDocument().containsKey("$each");
                    List<BsonValue> values = each ? step.value().asDocument().getArray("$each") : List.of(step.value());
                    if (step.operator().equals("$push")) {
                        array.addAll(values);
                    } else {
                        addToSet(array, values);
                    }
                    if (current == null) {
                        set(doc, step.parts(), array);
                    }
                }
            }
        }
        BsonValue after = doc.get("_id");
        if (id != null && (after == null || !BsonOrder.equal(id, after))) {
            throw new Refusal("an update may not change _id", false);
        }
    }

    /**
     * Adds each value that the array does not hold yet ({@link BsonOrder#equal}). A string equals only the
     * same string, so strings are looked up in a set of the array's texts instead of compared with every
     * element: a meeting's search tokens grow with each text of it, and the scan made each batch's
     * additions quadratic.
     */
    private static void addToSet(BsonArray array, List<BsonValue> values) {
        Set<String> texts = null;
        for (BsonValue v : values) {
            if (BsonOrder.rank(v) == BsonOrder.TEXT) {
                if (texts == null) {
                    texts = new HashSet<>();
                    for (BsonValue existing : array) {
                        if (BsonOrder.rank(existing) == BsonOrder.TEXT) {
                            texts.add(BsonOrder.text(existing));
                        }
                    }
                }
                if (texts.add(BsonOrder.text(v))) {
                    array.add(v);
                }
            } else if (array.stream().noneMatch(existing -> BsonOrder.equal(existing, v))) {
                array.add(v);
            }
        }
    }

    private static BsonValue get(BsonDocument doc, String[] parts) {
        BsonValue current = doc;
        for (String part : parts) {
            if (current instanceof BsonDocument d) {
                current = d.get(part);
            } else if (current instanceof BsonArray a && index(part) >= 0 && index(part) < a.size()) {
                current = a.get(index(part));
            } else {
                return null;
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    static void set(BsonDocument doc, String[] parts, BsonValue value) {
        BsonValue current = doc;
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            String part = parts[i];
            if (current instanceof BsonDocument d) {
                if (last) {
                    d.put(part, value);
                    return;
                }
                BsonValue next = d.get(part);
                if (next == null || next.isNull()) {
                    next = new BsonDocument();
                    d.put(part, next);
                }
                current = next;
            } else if (current instanceof BsonArray a && index(part) >= 0) {
                int index = index(part);
                while (a.size() <= index) {
                    a.add(BsonNull.VALUE);
                }
                if (last) {
                    a.set(index, value);
                    return;
                }
                if (a.get(index).isNull()) {
                    a.set(index, new BsonDocument());
                }
                current = a.get(index);
            } else {
                throw new Refusal("cannot create field '" + part + "' in " + current, false);
            }
        }
    }

    private static void unset(BsonDocument doc, String[] parts) {
        BsonValue parent = parts.length == 1 ? doc : get(doc, java.util.Arrays.copyOf(parts, parts.length - 1));
        String last = parts[parts.length - 1];
        if (parent instanceof BsonDocument d) {
            d.remove(last);
        } else if (parent instanceof BsonArray a && index(last) >= 0 && index(last) < a.size()) {
            a.set(index(last), BsonNull.VALUE); // as MongoDB: the position stays, null
        }
    }

    private static int index(String part) {
        return part.chars().allMatch(Character::isDigit) && !part.isEmpty() && part.length() < 10
                ? Integer.parseInt(part) : -1;
    }

    /** MongoDB's $inc: int32 unless it overflows, int64, double, decimal, the widest operand deciding. */
    private static BsonValue add(String path, BsonValue current, BsonValue increment) {
        if (!current.isNumber() && !current.isDecimal128()) {
            throw new Refusal("$inc on " + path + ", which is not a number: " + current, false);
        }
        if (current.isDecimal128() || increment.isDecimal128()) {
            return new BsonDecimal128(new Decimal128(BsonOrder.exact(current).add(BsonOrder.exact(increment))));
        }
        if (current.isDouble() || increment.isDouble()) {
            return new BsonDouble(current.asNumber().doubleValue() + increment.asNumber().doubleValue());
        }
        long a = current.asNumber().longValue();
        long b = increment.asNumber().longValue();
        long sum;
        try {
            sum = Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new Refusal("$inc on " + path + " overflows a 64-bit integer", false);
        }
        if (current.isInt32() && increment.isInt32() && sum == (int) sum) {
            return new BsonInt32((int) sum);
        }
        return new BsonInt64(sum);
    }
}
