package kyodo.query.platform;

import kyodo.kernel.personal.SealedPersonalData;
import org.bson.Document;

/**
 * Sealed personal data as the read models keep it: a sub-document of its four parts, stored as the
 * event carried them (never opened by a projection) and read back for a view to open with its key.
 */
public final class StoredSealedData {

    private StoredSealedData() {
    }

    public static Document document(SealedPersonalData sealed) {
        return new Document("subjectId", sealed.subjectId())
                .append("algorithm", sealed.algorithm())
                .append("nonce", sealed.nonce())
                .append("ciphertext", sealed.ciphertext());
    }

    public static SealedPersonalData read(Document stored) {
        return new SealedPersonalData(stored.getString("subjectId"), stored.getString("algorithm"),
                stored.getString("nonce"), stored.getString("ciphertext"));
    }
}
