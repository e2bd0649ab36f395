package kyodo.query.platform.store.embedded;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A filter compiled once per query: a conjunction of clauses, each an operator on a field path, with
 * MongoDB's meaning (an array's elements are looked at by eq/in/ne/nin/all and the comparisons, and a
 * comparison only holds between values of the same class). Anything else is refused.
 */
final class Filter {

    enum Op { EQ, NE, GT, GTE, LT, LTE, IN, NIN, ALL, EXISTS, SIZE }

    /**
     * One condition; {@code values} holds the list of in/nin/all, {@code value} the operand of the others.
     * A long in/nin list also keeps its strings as a set ({@code texts}, null otherwise) and the rest apart
     * ({@code others}): a string equals only the same string, so a lookup answers what comparing the
     * value with each of the list's would (a batch's cells read by {@code _id $in} hundreds of ids).
     */
    record Clause(String path, String[] parts, Op op, BsonValue value, List<BsonValue> values, Set<String> texts,
                  List<BsonValue> others) {
    }

    /** From this many values on, an in/nin list looks its strings up in a set. */
    private static final int LOOKED_UP = 8;

    static final Filter ALL_DOCUMENTS = new Filter(List.of());

    final List<Clause> clauses;

    private Filter(List<Clause> clauses) {
        this.clauses = clauses;
    }

    static Filter compile(Bson filter) {
        if (filter == null) {
            return ALL_DOCUMENTS;
        }
        List<Clause> clauses = new ArrayList<>();
        add(filter instanceof org.bson.Document plain ? BsonCoding.document(plain, false) : filter.toBsonDocument(),
                clauses);
        return new Filter(List.copyOf(clauses));
    }

    private static void add(BsonDocument filter, List<Clause> clauses) {
        for (Map.Entry<String, BsonValue> e : filter.entrySet()) {
            String key = e.getKey();
            BsonValue value = e.getValue();
            if (key.equals("$and") && value.isArray() && !value.asArray().isEmpty()) {
                for (BsonValue part : value.asArray()) {
                    if (!part.isDocument()) {
                        throw new IllegalArgumentException("$and takes documents, not " + part);
                    }
                    add(part.asDocument(), clauses);
                }
            } else if (key.startsWith("$")) {
                throw new IllegalArgumentException("unsupported filter operator " + key);
            } else if (value.isDocument() && !value.asDocument().isEmpty()
                    && value.asDocument().getFirstKey().startsWith("$")) {
                for (Map.Entry<String, BsonValue> op : value.asDocument().entrySet()) {
                    clauses.add(clause(key, op.getKey(), op.getValue()));
                }
            } else {
                clauses.add(clause(key, "$eq", value));
            }
        }
    }

    private static Clause clause(String path, String operator, BsonValue operand) {
        String[] parts = Paths.split(path);
        Op op = switch (operator) {
            case "$eq" -> Op.EQ;
            case "$ne" -> Op.NE;
            case "$gt" -> Op.GT;
            case "$gte" -> Op.GTE;
            case "$lt" -> Op.LT;
            case "$lte" -> Op.LTE;
            case "$in" -> Op.IN;
            case "$nin" -> Op.NIN;
            case "$all" -> Op.ALL;
            case "$exists" -> Op.EXISTS;
            case "$size" -> Op.SIZE;
            default -> throw new IllegalArgumentException("unsupported filter operator " + operator + " on " + path);
        };
        if (op == Op.IN || op == Op.NIN || op == Op.ALL) {
            if (!operand.isArray()) {
                throw new IllegalArgumentException(operator + " on " + path + " needs an array, not " + operand);
            }
            List<BsonValue> values = List.copyOf(operand.asArray().getValues());
            values.forEach(v -> plain(operator, path, v));
            if (op != Op.ALL && values.size() >= LOOKED_UP) {
                Set<String> texts = new HashSet<>();
                List<BsonValue> others = new ArrayList<>();
                for (BsonValue v : values) {
                    if (BsonOrder.rank(v) == BsonOrder.TEXT) {
                        texts.add(BsonOrder.text(v));
                    } else {
                        others.add(v);
                    }
                }
                return new Clause(path, parts, op, null, values, Set.copyOf(texts), List.copyOf(others));
            }
            return new Clause(path, parts, op, null, values, null, List.of());
        }
        if (op == Op.EXISTS && !operand.isBoolean()) {
            throw new IllegalArgumentException("$exists on " + path + " needs true or false, not " + operand);
        }
        if (op == Op.SIZE && !(operand.isInt32() || operand.isInt64())) {
            throw new IllegalArgumentException("$size on " + path + " needs a whole number, not " + operand);
        }
        plain(operator, path, operand);
        return new Clause(path, parts, op, operand, List.of(), null, List.of());
    }

    /** A regular expression means a pattern match, and a $-document an operator: neither is supported. */
    private static void plain(String operator, String path, BsonValue v) {
        if (v.isRegularExpression()) {
            throw new IllegalArgumentException("unsupported filter: a regular expression in " + operator + " on " + path);
        }
        if (v.isDocument() && !v.asDocument().isEmpty() && v.asDocument().getFirstKey().startsWith("$")) {
            throw new IllegalArgumentException("unsupported filter operator " + v.asDocument().getFirstKey()
                    + " inside " + operator + " on " + path);
        }
    }

    /** This filter without those clauses (compared by identity), e.g. because an index answered them. */
    Filter without(java.util.Set<Clause> answered) {
        return answered.isEmpty() ? this
                : new Filter(clauses.stream().filter(clause -> !answered.contains(clause)).toList());
    }

    boolean matches(BsonDocument doc) {
        for (Clause clause : clauses) {
            if (!matches(clause, Paths.leaves(doc, clause.parts()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(Clause c, List<BsonValue> leaves) {
        return switch (c.op()) {
            case EQ -> equals(leaves, c.value());
            case NE -> !equals(leaves, c.value());
            case IN -> in(leaves, c);
            case NIN -> !in(leaves, c);
            case ALL -> !c.values().isEmpty() && c.values().stream().allMatch(v -> equals(leaves, v));
            case EXISTS -> c.value().asBoolean().getValue() == leaves.stream().anyMatch(v -> v != null);
            case SIZE -> leaves.stream().anyMatch(v -> v instanceof BsonArray a
                    && a.size() == c.value().asNumber().longValue());
            default -> leaves.stream().anyMatch(v -> compares(c.op(), v, c.value())
                    || v instanceof BsonArray a && a.stream().anyMatch(e -> compares(c.op(), e, c.value())));
        };
    }

    private static boolean in(List<BsonValue> leaves, Clause c) {
        if (c.texts() == null) {
            return in(leaves, c.values());
        }
        for (BsonValue leaf : leaves) {
            if (isIn(leaf, c.texts())) {
                return true;
            }
            if (leaf instanceof BsonArray array) {
                for (BsonValue element : array) {
                    if (isIn(element, c.texts())) {
                        return true;
                    }
                }
            }
        }
        return in(leaves, c.others());
    }

    private static boolean isIn(BsonValue v, Set<String> texts) {
        return v != null && BsonOrder.rank(v) == BsonOrder.TEXT && texts.contains(BsonOrder.text(v));
    }

    private static boolean in(List<BsonValue> leaves, List<BsonValue> values) {
        for (BsonValue v : values) {
            if (equals(leaves, v)) {
                return true;
            }
        }
        return false;
    }

    /** The value itself or, for an array, one of its elements equals the operand. */
    static boolean equals(List<BsonValue> leaves, BsonValue operand) {
        for (BsonValue leaf : leaves) {
            if (BsonOrder.equal(leaf, operand)) {
                return true;
            }
            if (leaf instanceof BsonArray array) {
                for (BsonValue element : array) {
                    if (BsonOrder.equal(element, operand)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean compares(Filter.Op op, BsonValue v, BsonValue operand) {
        if (BsonOrder.rank(v) != BsonOrder.rank(operand)) {
            return false;
        }
        int c = BsonOrder.compare(v, operand);
        return switch (op) {
            case GT -> c > 0;
            case GTE -> c >= 0;
            case LT -> c < 0;
            default -> c <= 0;
        };
    }
}
