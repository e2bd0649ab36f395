package kyodo.kernel.personal;

import java.time.Instant;
import java.util.Optional;

/**
 * Holds one data-encryption key per data subject, outside the event store. Destroying a key is
 * the erasure of that person's data everywhere: events, read models, backups.
 */
public interface PersonKeyVault {

    /** Creates a fresh key for a new subject. Refuses a subject id that was ever used. */
    byte[] createKey(String subjectId, Instant createdAt);

    /**
     * Creates a fresh key for a new subject and enters the subject in the contact index, both or
     * neither (the index lives in the vault's database, ADR 3). Refuses a subject id that was ever used.
     */
    byte[] createKey(String subjectId, Instant createdAt, ContactIndex.Entry indexed);

    /** The subject's key; empty when it was destroyed or never existed. */
    Optional<byte[]> findKey(String subjectId);

    /** The state of a subject's key. */
    KeyState state(String subjectId);

    /**
     * Destroys the subject's key and remembers when. Idempotent: erasing twice keeps the first time.
     *
     * @return the erasure time, empty if the subject is unknown
     */
    Optional<Instant> destroy(String subjectId, Instant erasedAt);

    /**
     * Deletes a key that no event holds: the one sealed for a command that was then refused. Unlike
     * {@link #destroy} it leaves no tombstone, for there was never anything to erase. A key already
     * erased is left alone.
     *
     * @return whether a key was deleted
     */
    boolean discard(String subjectId);

    /** What the vault knows of a subject. */
    enum KeyState { ACTIVE, ERASED, UNKNOWN }
}
