package kyodo.ops;

import kyodo.kernel.SettingsFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for the tests that run kyodo on PostgreSQL (issue 18): Debian's
 * server (installed with apt-get when missing and the tests run as root), initialised in a fresh
 * directory, listening on 127.0.0.1 only at a free port, trusted local sign-in for the role
 * {@code kyodo}, stopped and removed when the test JVM ends. One cluster per JVM; every app gets
 * databases of its own.
 *
 * <p>It trades durability for speed ({@code fsync=off}): these tests check that kyodo works on
 * PostgreSQL, not what survives a power cut, which is PostgreSQL's own business.
 */
public final class PostgresCluster {

    /** The system property that runs the ITs' apps on this cluster instead of the embedded files. */
    public static final String ON = "kyodo.it.postgres";
    private static final String ROLE = "kyodo";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresCluster shared;

    private final Path bin;
    private final Path dir;
    private final int port;

    private PostgresCluster(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** Whether this test run asked for PostgreSQL ({@code -Dkyodo.it.postgres=true}). */
    public static boolean requested() {
        return Boolean.getBoolean(ON);
    }

    /** The JVM's cluster, started on first use. */
    public static synchronized PostgresCluster shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            PostgresCluster cluster = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "postgres-stop"));
        }
        return shared;
    }

    /**
     * Puts the stores of the data directory's app — events (with its Idempotency-Keys and deadlines),
     * personal-data keys and staff accounts — into three new databases of this cluster, named in the
     * directory's {@code kyodo.properties}; a directory that has the file already keeps it.
     */
    public void settingsFileIn(Path dataDir) {
        Path file = dataDir.resolve(SettingsFile.NAME);
        if (Files.exists(file)) {
            return;
        }
        String name = "kyodo_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        String settings = "# the test PostgreSQL (kyodo.ops.PostgresCluster)\n"
                + "spring.datasource.url=" + database(name + "_events") + "\n"
                + "kyodo.vault.url=" + database(name + "_keys") + "\n"
                + "kyodo.security.accounts-url=" + database(name + "_accounts") + "\n";
        try {
            Files.createDirectories(dataDir);
            Files.writeString(file, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty database: its JDBC URL (with the role, no password: trusted on 127.0.0.1). */
    public String database(String name) {
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database " + name, e);
        }
        return url(name);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + ROLE;
    }

    private static PostgresCluster start() throws IOException {
        DebianPackages.ensure("The PostgreSQL tests", List.of("postgresql"),
                () -> serverBinaries().isPresent() ? List.of() : List.of("PostgreSQL's initdb and pg_ctl (Debian package postgresql)"));
        Path bin = serverBinaries().orElseThrow();
        Path dir = clusterDirectory();
        int port = freePort();
        List<String> initdb = List.of(bin.resolve("initdb").toString(), "-D", dir.toString(), "-U", ROLE,
                "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
        if (DebianPackages.run(asOwner(initdb)) != 0) {
            throw new IllegalStateException("initdb failed for " + dir + " (see target/commands.log)");
        }
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
                + "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400";
        List<String> pgCtl = List.of(bin.resolve("pg_ctl").toString(), "-D", dir.toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "60", "-o", options, "start");
        if (DebianPackages.run(asOwner(pgCtl)) != 0) {
            throw new IllegalStateException("PostgreSQL did not start; see " + dir.resolve("server.log"));
        }
        return new PostgresCluster(bin, dir, port);
    }

    private void stop() {
        try {
            DebianPackages.run(asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.toString(), "-m",
                    "immediate", "-w", "stop")));
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException e) {
            System.err.println("could not stop the test PostgreSQL in " + dir + ": " + e.getMessage());
        }
    }

    /** The newest installed server's bin directory (Debian keeps them under /usr/lib/postgresql/N). */
    private static Optional<Path> serverBinaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * A fresh directory under {@code target/} (the module's build directory) that the server's user
     * can reach; as root the server runs as Debian's {@code postgres} user (initdb refuses root), so
     * when an ancestor of {@code target/} is closed to others the cluster goes to the temporary directory.
     */
    private static Path clusterDirectory() throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        Path parent = DebianPackages.isRoot() && !reachableByOthers(target)
                ? Path.of(System.getProperty("java.io.tmpdir")) : target;
        Path dir = Files.createTempDirectory(parent, "postgres-");
        if (DebianPackages.isRoot()) {
            if (DebianPackages.run(List.of("chown", "postgres:postgres", dir.toString())) != 0) {
                throw new IllegalStateException("cannot give " + dir + " to the postgres user");
            }
        }
        return dir;
    }

    private static boolean reachableByOthers(Path dir) throws IOException {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> asOwner(List<String> command) {
        if (!DebianPackages.isRoot()) {
            return command;
        }
        List<String> as = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        as.addAll(command);
        return as;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
