package kyodo.query.platform.store.embedded;

import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.ReadStoreContract;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import kyodo.query.platform.store.ReadStoreWriteException;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The contract on the embedded engine, in a file of its own. */
class EmbeddedReadStoreContractTest extends ReadStoreContract {

    @TempDir
    Path directory;

    @Override
    protected ReadStore open() {
        return EmbeddedReadStore.open(directory.resolve("readmodels"));
    }

    /**
     * As MongoDB does it: an ordered batch stops at a refusal and keeps what the writes before it changed,
     * also in a document the engine held back until the batch's end (mongo-java-server keeps other changes).
     */
    @Test
    void aRefusalInABatchKeepsTheChangesBeforeIt() {
        insert(new Document("_id", "a").append("n", 1));
        ReadStoreWriteException e = catchThrowableOfType(ReadStoreWriteException.class, () -> docs.bulkWrite(List.of(
                new UpdateOneModel<>(Filters.eq("_id", "a"), Updates.inc("n", 1)),
                new UpdateOneModel<>(Filters.eq("_id", "a"), Updates.push("n", 1)),
                new UpdateOneModel<>(Filters.eq("_id", "a"), Updates.inc("n", 1)))));
        assertThat(e.failures()).extracting(ReadStoreWriteException.Failure::index).containsExactly(1);
        assertThat(docs.find().first()).isEqualTo(new Document("_id", "a").append("n", 2));
    }
}
