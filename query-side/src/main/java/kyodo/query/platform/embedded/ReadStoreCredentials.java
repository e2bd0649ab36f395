package kyodo.query.platform.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The login of the embedded read store: user {@value #USER} and a random password (32 bytes,
 * base64url), generated on first start into an owner-only file in the store's directory and
 * reused afterwards, so an operator running as kyodo's user can connect with a shell too.
 * <p>
 * Only kyodo's own process uses the password, so losing it costs nothing: a file that is missing,
 * garbled, not a plain file, or readable by anyone but its owner is treated as lost or disclosed
 * and replaced by a fresh password. The password never appears in a log or in {@link #toString()}.
 */
public final class ReadStoreCredentials {

    private static final Logger log = LoggerFactory.getLogger(ReadStoreCredentials.class);

    public static final String USER = "kyodo";
    private static final int PASSWORD_BYTES = 32;
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final String user;
    private final String password;

    private ReadStoreCredentials(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /** The credentials kept in {@code file}, or new ones written there when it holds none worth keeping. */
    public static ReadStoreCredentials loadOrCreate(Path file, SecureRandom random) {
        try {
            String reason = unusable(file);
            if (reason == null) {
                ReadStoreCredentials kept = parse(Files.readString(file, StandardCharsets.UTF_8));
                if (kept != null) {
                    return kept;
                }
                reason = "it does not hold a user and a generated password";
            }
            byte[] secret = new byte[PASSWORD_BYTES];
            random.nextBytes(secret);
            ReadStoreCredentials created =
                    new ReadStoreCredentials(USER, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
            write(file, created);
            if (reason.isEmpty()) {
                log.info("read store: generated its credentials into {} (owner-only)", file);
            } else {
                log.warn("read store: replaced the credentials file {} because {}", file, reason);
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the read-store credentials " + file, e);
        }
    }

    /** Empty when there is no file yet, a reason when there is one not to trust, null when it is fine. */
    private static String unusable(Path file) throws IOException {
        if (!posix()) {
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? null
                    : Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? "it is not a plain file" : "";
        }
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return "";
        }
        if (!attributes.isRegularFile()) {
            return "it is not a plain file";
        }
        if (!OWNER_ONLY.containsAll(attributes.permissions())) {
            return "others could read it (" + PosixFilePermissions.toString(attributes.permissions()) + ")";
        }
        return null;
    }

    private static ReadStoreCredentials parse(String content) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(content));
        String user = properties.getProperty("user");
        String password = properties.getProperty("password");
        if (!USER.equals(user) || password == null || !PASSWORD.matcher(password).matches()) {
            return null;
        }
        return new ReadStoreCredentials(user, password);
    }

    /**
     * Written to an owner-only temporary file, forced to disk, then renamed over the old one: a
     * crash leaves the old file or the new one, never a half-written or readable one.
     */
    private static void write(Path file, ReadStoreCredentials credentials) throws IOException {
        String content = "# kyodo's embedded read store: connect as this user with authSource=admin and "
                + "authMechanism=" + ScramSha256.MECHANISM + ".\n"
                + "# Owner-only; replaced with a new password if anyone else can read it.\n"
                + "user=" + credentials.user + "\n"
                + "password=" + credentials.password + "\n";
        Path temp = posix()
                ? Files.createTempFile(file.getParent(), "credentials", ".tmp",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(file.getParent(), "credentials", ".tmp");
        try {
            if (!posix()) {
                ownerOnlyWithoutPosix(temp);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void ownerOnlyWithoutPosix(Path path) {
        var file = path.toFile();
        boolean restricted = file.setReadable(false, false) && file.setReadable(true, true)
                && file.setWritable(false, false) && file.setWritable(true, true);
        if (!restricted) {
            log.warn("read store: could not restrict {} to its owner on this file system", path);
        }
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    public String user() {
        return user;
    }

    /** The password, for the connection string only: never log it. */
    public String password() {
        return password;
    }

    @Override
    public String toString() {
        return "ReadStoreCredentials[user=" + user + ", password=<hidden>]";
    }
}
