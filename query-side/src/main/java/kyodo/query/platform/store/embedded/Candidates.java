package kyodo.query.platform.store.embedded;

import kyodo.query.platform.store.embedded.Hit;
import org.bson.BsonValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The internal numbers held by the most selective index ranges of a query (intersected, sorted,
 * distinct), and the clauses those ranges do not answer exactly, which each document must still be
 * checked against. Reading index entries costs far less than reading documents, so a plan asks
 * these numbers first and reads documents last.
 */
record Candidates(Access.LongList numbers, Filter residual) {

    /** Ranges this close in size to the smallest are read too, and intersected with it. */
    private static final int INTERSECT_FACTOR = 8;
    /**
     * The same for postings, which decode a hundred numbers per block read: intersecting every token
     * of a search answers its {@code $all} without decoding any document's tokens.
     */
    private static final int POSTINGS_FACTOR = 1024;

    static Candidates of(Filter filter, Access best, List<Access> accesses) {
        Access.LongList numbers = new Access.LongList();
        best.ranges().forEach(range -> range.numbers(numbers));
        numbers.sortDistinct();
        List<Access> used = new ArrayList<>(List.of(best));
        Set<Filter.Clause> covered = Collections.newSetFromMap(new IdentityHashMap<>());
        covered.addAll(best.covered());
        for (Access other : accesses) {
            if (other != best && !other.covered().isEmpty() && covered.containsAll(other.covered())
                    && other.covered().get(other.covered().size() - 1).op() != Filter.Op.ALL) {
                continue; // its clauses are those of a range already read: it would only narrow nothing
            }
            int factor = other.ranges().get(0).kind() == Access.Kind.POSTINGS ? POSTINGS_FACTOR : INTERSECT_FACTOR;
            if (other != best && other.ranges().size() == 1 && numbers.size > 0
                    && other.estimate() <= (long) factor * numbers.size) {
                Access.LongList more = new Access.LongList();
                other.ranges().get(0).numbers(more);
                more.sortDistinct();
                numbers.retain(more);
                used.add(other);
                covered.addAll(other.covered());
            }
        }
        // Clauses the intersected index ranges answer exactly need not be checked on each document
        // again: a search then never decodes the documents' token arrays.
        return new Candidates(numbers, filter.without(answered(used)));
    }

    /**
     * The clauses that the intersection of these accesses answers exactly: those of an exact access,
     * and an {@code $all} of strings when every one of its values' ranges was intersected, with the
     * equalities that led those ranges' index (a range of a value under an exact prefix holds only
     * documents with that prefix).
     */
    private static Set<Filter.Clause> answered(List<Access> used) {
        Set<Filter.Clause> answered = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<Filter.Clause, Integer> allValues = new IdentityHashMap<>();
        for (Access access : used) {
            List<Filter.Clause> covered = access.covered();
            Filter.Clause last = covered.isEmpty() ? null : covered.get(covered.size() - 1);
            if (access.exact()) {
                answered.addAll(covered);
            } else if (last != null && last.op() == Filter.Op.ALL) {
                allValues.merge(last, 1, Integer::sum);
                answered.addAll(covered.subList(0, covered.size() - 1));
            }
        }
        allValues.forEach((clause, intersected) -> {
            long distinct = clause.values().stream().distinct().count();
            if (clause.values().stream().allMatch(BsonValue::isString) && intersected == distinct) {
                answered.add(clause);
            }
        });
        return answered;
    }

    int size() {
        return numbers.size;
    }

    boolean contains(long number) {
        return Arrays.binarySearch(numbers.values, 0, numbers.size, number) >= 0;
    }

    /** The candidates' documents that match the residual clauses, in internal-number order. */
    Iterator<Hit> hits(EmbeddedCollection c) {
        Iterator<Hit> hits = Arrays.stream(numbers.values, 0, numbers.size)
                .mapToObj(number -> {
                    byte[] bytes = c.docs.get(number);
                    return bytes == null ? null : Hit.of(number, bytes);
                })
                .filter(Objects::nonNull)
                .iterator();
        return Hit.matching(hits, residual);
    }
}
