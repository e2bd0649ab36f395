package kyodo.ops.startup;

import kyodo.kernel.EmbeddedFiles;
import org.springframework.core.env.Environment;

import java.nio.file.Path;

/**
 * Where the ops application's own databases are (staff and residents' accounts, follows, the mail outbox):
 * the JDBC URL an operator configured, or else an embedded H2 file under the data directory.
 */
public final class OpsStores {

    private OpsStores() {
    }

    /** The data directory, always set: the embedded defaults resolve it (kyodo.kernel.EmbeddedDefaults). */
    public static Path dataDir(Environment env) {
        return Path.of(env.getRequiredProperty("kyodo.data-dir")).toAbsolutePath().normalize();
    }

    /**
     * @param configured the store's URL setting, or null
     * @param file       the embedded file under the data directory, without H2's suffix ({@code accounts/accounts})
     */
    public static String url(String configured, Environment env, String file) {
        return configured != null ? configured
                : EmbeddedFiles.url(dataDir(env).resolve(file), cacheMegabytes(file));
    }

    /**
     * The page cache of each embedded file, on the Java heap (issue 13, docs/performance.md "memory"): the
     * accounts and the outbox are read a row at a time and stay small; the follows are read by the
     * notifier, the digests and a signed-in resident's follow pages, not by the public pages, so H2's
     * 16 MB for each would mostly hold pages read once.
     */
    static int cacheMegabytes(String file) {
        return switch (file) {
            case "follows/follows" -> 4;
            default -> 2;
        };
    }
}
