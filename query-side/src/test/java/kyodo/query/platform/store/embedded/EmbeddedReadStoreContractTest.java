package kyodo.query.platform.store.embedded;

import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.ReadStoreContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The contract on the embedded engine, in a file of its own. */
class EmbeddedReadStoreContractTest extends ReadStoreContract {

    @TempDir
    Path directory;

    @Override
    protected ReadStore open() {
        return EmbeddedReadStore.open(directory.resolve("readmodels"));
    }
}
