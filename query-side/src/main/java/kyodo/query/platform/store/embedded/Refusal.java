package kyodo.query.platform.store.embedded;

/** A write the store refuses (a duplicate key, an update that cannot apply): it changes nothing. */
final class Refusal extends RuntimeException {

    final boolean duplicateKey;

    Refusal(String message, boolean duplicateKey) {
        super(message, null, false, false);
        this.duplicateKey = duplicateKey;
    }
}
