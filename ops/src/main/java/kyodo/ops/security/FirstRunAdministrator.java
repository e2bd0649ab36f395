package kyodo.ops.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * On the very first run there is nobody to sign in as: this creates the {@code admin} account
 * with a generated password and prints it once on the console (not into the log), and also into
 * {@code kyodo.security.initial-admin-password-file} when set. There is no fixed default password.
 * Later runs find the account and print nothing.
 *
 * <p>It runs as soon as the application has started, before it is ready: the demo load, which waits for
 * the ready application, takes a minute, and the password came only after it.
 */
@Component
class FirstRunAdministrator {

    private static final Logger log = LoggerFactory.getLogger(FirstRunAdministrator.class);

    private final StaffAccounts accounts;
    private final SecuritySettings settings;

    FirstRunAdministrator(StaffAccounts accounts, SecuritySettings settings) {
        this.accounts = accounts;
        this.settings = settings;
    }

    @EventListener(ApplicationStartedEvent.class)
    void createIfNobodyCanAdminister() {
        if (!settings.localAccounts()) {
            return;
        }
        accounts.ensureAdministrator().ifPresent(password -> {
            PrintStream console = System.out;
            console.println();
            console.println("==================================================================");
            console.println(" kyodo: first run. An administrator account was created:");
            console.println("   account:  " + StaffAccounts.FIRST_ADMIN);
            console.println("   password: " + password);
            console.println(" It is shown this once. Sign in with HTTP Basic and create staff");
            console.println(" accounts: POST /api/admin/accounts (README, \"Sign-in, roles and accounts\").");
            console.println("==================================================================");
            console.println();
            if (settings.initialAdminPasswordFile() != null && !settings.initialAdminPasswordFile().isBlank()) {
                write(Path.of(settings.initialAdminPasswordFile()), password);
            }
            log.info("first run: created the administrator account '{}' (password shown on the console)",
                    StaffAccounts.FIRST_ADMIN);
        });
    }

    private static void write(Path file, String password) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, password + "\n", StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file inherits its folder's permissions
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not write kyodo.security.initial-admin-password-file", e);
        }
    }
}
