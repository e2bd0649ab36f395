package kyodo.ops.audit;

import kyodo.query.audit.CheckpointNote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Optional;

/**
 * A witness's memory, in a directory of its own: {@value #LATEST}, the text of the last checkpoint it
 * cosigned, replaced atomically (written to a temporary file, forced to disk, then renamed over the
 * old one), so that a {@code kill -9} at any moment leaves either the old or the new checkpoint, never
 * a torn one; and {@value #REFUSED}, every refused inconsistent checkpoint as evidence of a misbehaving
 * log.
 */
public final class WitnessState {

    static final String LATEST = "latest-checkpoint";
    static final String REFUSED = "refused.log";

    private static final Logger log = LoggerFactory.getLogger(WitnessState.class);

    private final Path dir;
    private final Clock clock;

    public WitnessState(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the witness state directory " + dir, e);
        }
    }

    /** The last checkpoint cosigned, if any. */
    Optional<CheckpointNote> last() {
        Path file = dir.resolve(LATEST);
        try {
            return Files.exists(file) ? Optional.of(CheckpointNote.parse(Files.readString(file))) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Records the checkpoint as the last one cosigned, durably, before the cosignature leaves. */
    void save(CheckpointNote checkpoint) {
        Path temp = dir.resolve(LATEST + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(StandardCharsets.UTF_8.encode(checkpoint.text()));
                channel.force(true);
            }
            Files.move(temp, dir.resolve(LATEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the witness state in " + dir, e);
        }
    }

    /** Keeps a refused request and why, and says so on the console. */
    void refused(String request, String why) {
        String record = "== " + clock.instant() + " " + why + "\n" + request + (request.endsWith("\n") ? "" : "\n");
        log.warn("REFUSED to cosign: {}", why);
        try {
            Files.writeString(dir.resolve(REFUSED), record, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a refused checkpoint in " + dir, e);
        }
    }
}
