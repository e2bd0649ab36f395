package kyodo.ops;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The running app of one test class, over a data directory of its own: declared once per class as
 * {@code @RegisterExtension static final RunningApp app = new RunningApp(settings…)}, started before
 * its first test and stopped (its directory removed) after the last. The way into it is a
 * {@link Client}: {@link #staff()}, {@link #as(String, String)}, {@link #anonymous()}; a client may
 * be made before the app starts (in a static field) and keeps working across a restart.
 */
final class RunningApp implements BeforeAllCallback, AfterAllCallback {

    private final String[] settings;
    private Path dataDir;
    private KyodoTestApp app;

    /** @param settings extra command-line settings, e.g. {@code --kyodo.audit.checkpoint-every=2} */
    RunningApp(String... settings) {
        this.settings = settings.clone();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("kyodo-it-");
        app = KyodoTestApp.start(dataDir, settings);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            app.close();
        } finally {
            try {
                FileSystemUtils.deleteRecursively(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A city-wide STAFF member, the one who sends most commands. */
    Client staff() {
        return new Client(() -> app.http());
    }

    /** A test account of that role, scoped to that ward code (null: city-wide). */
    Client as(String role, String ward) {
        return new Client(() -> app.as(role, ward));
    }

    /** Somebody who is not signed in: the public. */
    Client anonymous() {
        return new Client(() -> app.anonymousHttp());
    }

    /** The app itself: restarts, its beans, its stores. */
    KyodoTestApp app() {
        return app;
    }

    /** The running context: beans to look into the stores with. */
    ConfigurableApplicationContext context() {
        return app.context();
    }

    /** The app's data directory. */
    Path dataDir() {
        return app.dataDir();
    }

    /** The port it serves on now (a restart picks another). */
    int port() {
        return ((WebServerApplicationContext) app.context()).getWebServer().getPort();
    }

    /** Number of events in the event store: a refused request leaves it as it was. */
    long storedEvents() {
        return app.storedEvents();
    }

    /** Read-after-write: waits until the read models have handled every event written so far. */
    void awaitReadModels() {
        app.awaitReadModels();
    }

    /** Stops and starts again on the same data directory; clients made before keep working. */
    void restart() {
        app.restart();
    }
}
