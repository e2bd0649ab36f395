package kyodo.ops.startup;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import kyodo.kernel.EmbeddedFiles;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the ops application's own databases are (staff and residents' accounts, follows, the mail outbox):
 * the JDBC URL an operator configured, or else an embedded H2 file under the data directory.
 */
public final class OpsStores {

    /** Each store's embedded file under the data directory, without H2's suffix: staff accounts. */
    public static final String STAFF_ACCOUNTS = "accounts/accounts";
    /** Residents' accounts. */
    public static final String RESIDENTS = "residents/residents";
    /** Residents' follows. */
    public static final String FOLLOWS = "follows/follows";
    /** The mail outbox. */
    public static final String OUTBOX = "mail/outbox";
    /** The setting of each store's URL, with its embedded file. */
    static final Map<String, String> EMBEDDED = Map.of(
            "kyodo.security.accounts-url", STAFF_ACCOUNTS,
            "kyodo.residents.accounts-url", RESIDENTS,
            "kyodo.follows.store-url", FOLLOWS,
            "kyodo.mail.outbox-url", OUTBOX);
    /** The credentials every ops store opens its embedded file with. */
    static final String USER = "kyodo";
    static final String PASSWORD = "";

    private OpsStores() {
    }

    /**
     * The pool a store reads and writes its database through, opened with the stores' credentials.
     *
     * @param name what the pool is called after {@code kyodo-} (in the pool's threads and metrics)
     */
    public static HikariDataSource pool(String url, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(USER);
        config.setPassword(PASSWORD);
        config.setMaximumPoolSize(size);
        config.setPoolName("kyodo-" + name);
        return new HikariDataSource(config);
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
            case FOLLOWS -> 4;
            default -> 2;
        };
    }

    /** The URLs of the stores that are embedded files here (no URL configured), by the file's name. */
    static Map<String, String> embeddedUrls(Environment env) {
        Binder binder = Binder.get(env);
        Map<String, String> urls = new LinkedHashMap<>();
        if (!env.containsProperty("kyodo.data-dir")) {
            return urls; // no embedded defaults here (a test's slice): nothing embedded to look after
        }
        EMBEDDED.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .filter(store -> !binder.bind(store.getKey(), String.class).isBound())
                .forEach(store -> urls.put(Path.of(store.getValue()).getFileName().toString(),
                        url(null, env, store.getValue())));
        return urls;
    }
}
