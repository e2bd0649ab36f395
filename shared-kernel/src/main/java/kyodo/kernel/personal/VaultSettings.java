package kyodo.kernel.personal;

import kyodo.kernel.StoreInUse;

/**
 * Where the personal-data keys are kept ({@code kyodo.vault.*}): a JDBC database apart from the
 * events they unlock. Both sides bind this one shape; the embedded URL, an H2 file under the data
 * directory, is a default of {@link kyodo.kernel.EmbeddedDefaults}.
 *
 * @param url      the vault's JDBC URL
 * @param username the vault's database user ({@code kyodo})
 * @param password the vault's database password (empty)
 * @param poolSize connections to the vault at most; {@code null} leaves the pool's own default
 */
public record VaultSettings(String url, String username, String password, Integer poolSize) {

    public VaultSettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("kyodo.vault.url is not set");
        }
        if (poolSize != null && poolSize < 1) {
            throw new IllegalArgumentException("kyodo.vault.pool-size must be at least 1");
        }
        username = username == null ? "kyodo" : username;
        password = password == null ? "" : password;
    }

    /** Without the password, and the URL as {@link StoreInUse#redact} shows it: settings may be logged. */
    @Override
    public String toString() {
        return "VaultSettings[url=" + StoreInUse.redact(url) + ", username=" + username + ", poolSize=" + poolSize + "]";
    }
}
