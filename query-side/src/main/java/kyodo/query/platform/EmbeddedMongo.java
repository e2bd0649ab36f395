package kyodo.query.platform;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded read-model store: mongo-java-server on an H2 MVStore file, bound to 127.0.0.1 on a
 * free port, speaking the MongoDB wire protocol to the official driver. Only used when no
 * MongoDB URI is configured.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final H2Backend backend;
    private final MongoServer server;
    private final Path file;
    private final InetSocketAddress address;

    EmbeddedMongo(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the read-model directory " + directory, e);
        }
        this.file = directory.resolve("readmodels.mv");
        this.backend = new H2Backend(file.toString());
        this.server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        this.address = server.getLocalAddress();
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    public Path file() {
        return file;
    }

    /**
     * Writes everything the store has acknowledged so far to its file before returning. The H2
     * backend otherwise leaves that to MVStore's background auto-commit, and after a {@code kill -9}
     * the reopened file can hold a later write without earlier ones (ADR 13): a projection calls this
     * after its documents and before it stores the position they cover.
     */
    public void commit() {
        backend.commit();
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
