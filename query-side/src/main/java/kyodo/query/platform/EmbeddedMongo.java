package kyodo.query.platform;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import kyodo.query.platform.embedded.AuthenticatingMongoServer;
import kyodo.query.platform.embedded.ReadStoreCredentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The embedded read-model store: mongo-java-server on an H2 MVStore file, bound to 127.0.0.1 on a
 * free port, speaking the MongoDB wire protocol to the official driver. Only used when no
 * MongoDB URI is configured.
 * <p>
 * Nothing else on the machine may read or rewrite the read models (the decision log among them):
 * every connection must authenticate with SCRAM-SHA-256 as the user of {@link ReadStoreCredentials},
 * whose password is generated into {@code <directory>/credentials}, and the directory, which also
 * holds the H2 file, is owner-only. The {@link #connectionString()} carries the credentials.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final H2Backend backend;
    private final java.util.concurrent.atomic.AtomicLong commitRequests = new java.util.concurrent.atomic.AtomicLong();
    private final Object commitLock = new Object();
    private long committedUpTo;
    private final AuthenticatingMongoServer server;
    private final Path file;
    private final ReadStoreCredentials credentials;
    private final InetSocketAddress address;

    EmbeddedMongo(Path directory) {
        ownerOnlyDirectory(directory);
        this.file = directory.resolve("readmodels.mv");
        // Opening the store first takes its file lock: a second process on the same directory stops
        // here, before it could touch the credentials.
        this.backend = new H2Backend(file.toString());
        try {
            this.credentials = ReadStoreCredentials.loadOrCreate(directory.resolve("credentials"), new SecureRandom());
            this.server = new AuthenticatingMongoServer(backend, credentials);
            this.address = server.bind(new InetSocketAddress("127.0.0.1", 0));
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /** {@code rwx------}, also on a directory an earlier version created readable by all. */
    private static void ownerOnlyDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the read-model directory or make it owner-only: " + directory, e);
        }
    }

    /** The store's address with its user and password, {@code authSource=admin}, SCRAM-SHA-256; no database. */
    public String connectionString() {
        return "mongodb://" + credentials.user() + ":" + credentials.password() + "@127.0.0.1:" + address.getPort()
                + "/?authSource=admin&authMechanism=SCRAM-SHA-256";
    }

    public Path file() {
        return file;
    }

    /** The loopback port it listens on (a free one, chosen at start). */
    public int port() {
        return address.getPort();
    }

    /**
     * Writes everything the store has acknowledged so far to its file before returning. The H2
     * backend otherwise leaves that to MVStore's background auto-commit, and after a {@code kill -9}
     * the reopened file can hold a later write without earlier ones (ADR 13): a projection calls this
     * after its documents and before it stores the position they cover.
     */
    public void commit() {
        // Group commit: several processors finish batches at once; one file commit that starts after
        // a caller's writes covers that caller, so it need not write the file again.
        long ticket = commitRequests.incrementAndGet();
        synchronized (commitLock) {
            if (committedUpTo >= ticket) {
                return;
            }
            long covers = commitRequests.get();
            backend.commit();
            committedUpTo = covers;
        }
    }

    @Override
    public void close() {
        server.shutdown();
    }

    @Override
    public String toString() {
        return "EmbeddedMongo[" + file + ", port " + address.getPort() + "]";
    }
}
