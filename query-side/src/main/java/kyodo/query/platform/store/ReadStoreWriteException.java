package kyodo.query.platform.store;

import java.util.List;

/**
 * Writes of a batch that the store refused, by their position in the batch; the other writes were
 * applied (an unordered batch) or not attempted (after the first failure of an ordered one).
 */
public class ReadStoreWriteException extends RuntimeException {

    private final transient List<Failure> failures;

    public ReadStoreWriteException(String collection, List<Failure> failures, Throwable cause) {
        super("the read store refused " + failures.size() + " write(s) on " + collection + ": "
                + failures.stream().map(f -> "#" + f.index() + " " + f.message()).toList(), cause);
        this.failures = List.copyOf(failures);
    }

    public List<Failure> failures() {
        return failures;
    }

    /** Whether every failure is a duplicate key (e.g. an upsert whose filter no longer matched). */
    public boolean onlyDuplicateKeys() {
        return failures.stream().allMatch(Failure::duplicateKey);
    }

    /**
     * @param index        the write's position in the batch
     * @param duplicateKey whether it would have given two documents the same {@code _id} or unique key
     * @param message      the store's words
     */
    public record Failure(int index, boolean duplicateKey, String message) {
    }
}
