package kyodo.query.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends the latest checkpoint to the witnesses of {@code kyodo.audit.witnesses} (c2sp.org/tlog-witness
 * {@code add-checkpoint}, with the consistency proof from the size each last cosigned) and keeps the
 * cosignatures they return with the checkpoint, which {@code /public/log/checkpoint} then serves.
 * <p>
 * Runs apart from the log (the checkpoint schedule calls it on a thread of its own): a witness that is
 * offline or refuses never holds up a decision or a checkpoint; it is simply asked again with the next
 * checkpoint, or at the next hourly check, and catches up from the size it last cosigned. That size is
 * learnt from the witness itself (its 409 answer), so nothing about witnesses needs storing here.
 */
@Component
public class Witnessing {

    private static final Logger log = LoggerFactory.getLogger(Witnessing.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Checkpoints checkpoints;
    private final DecisionLog decisionLog;
    private final List<Configured> witnesses;
    private final Map<String, Long> cosignedSize = new ConcurrentHashMap<>();
    /**
     * Only when a witness is configured (none by default): a JDK HTTP client starts a selector thread
     * and the default TLS context, ~300 classes of metaspace (issue 13, twenty-third step).
     */
    private final HttpClient http;

    public Witnessing(Checkpoints checkpoints, DecisionLog decisionLog, AuditSettings settings) {
        this.checkpoints = checkpoints;
        this.decisionLog = decisionLog;
        this.witnesses = settings.witnesses().stream().map(w -> new Configured(URI.create(w.url()),
                SignedNote.VerifierKey.parse(w.key()))).toList();
        witnesses.forEach(w -> {
            if (w.key().type() != Cosignature.TYPE) {
                throw new IllegalArgumentException("kyodo.audit.witnesses: " + w.key().name()
                        + " is not a cosignature key (type 0x04)");
            }
        });
        this.http = witnesses.isEmpty() ? null : HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    /** Whether any witness is configured. */
    boolean any() {
        return !witnesses.isEmpty();
    }

    /** Asks every witness that has not cosigned the latest checkpoint to do so. Never throws. */
    void catchUp() {
        checkpoints.latestNote().ifPresent(note -> {
            long size = CheckpointNote.parse(note.text()).treeSize();
            for (Configured witness : witnesses) {
                if (Cosignature.verifies(note, witness.key())) {
                    continue;
                }
                try {
                    ask(witness, note, size);
                } catch (IOException | RuntimeException e) {
                    log.warn("Witness {} did not cosign tree size {} (asked again later): {}", witness.key().name(),
                            size, e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
    }

    private void ask(Configured witness, SignedNote note, long size) throws IOException, InterruptedException {
        long old = cosignedSize.getOrDefault(witness.key().name(), 0L);
        HttpResponse<String> answer = send(witness, note, old, size);
        if (answer.statusCode() == 409 && answer.body().strip().matches("[0-9]{1,18}")) {
            long known = Long.parseLong(answer.body().strip());
            if (known > size) {
                throw new IllegalStateException("the witness has cosigned tree size " + known
                        + ", larger than the log's latest checkpoint " + size);
            }
            cosignedSize.put(witness.key().name(), known);
            answer = send(witness, note, known, size);
        }
        if (answer.statusCode() != 200) {
            throw new IOException("answered " + answer.statusCode() + ": " + answer.body().strip());
        }
        for (String line : answer.body().split("\n")) {
            SignedNote.Line cosignature = SignedNote.Line.parse(line);
            if (Cosignature.verifies(new SignedNote(note.text(), List.of(cosignature)), witness.key())) {
                checkpoints.addCosignature(size, cosignature);
                cosignedSize.put(witness.key().name(), size);
            }
        }
    }

    private HttpResponse<String> send(Configured witness, SignedNote note, long old, long size)
            throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder("old ").append(old).append('\n');
        if (old > 0 && old < size) {
            decisionLog.consistencyProof(old, size).consistencyPath().forEach(hash ->
                    body.append(Base64.getEncoder().encodeToString(Hashing.unhex(hash))).append('\n'));
        }
        body.append('\n').append(note.render());
        HttpRequest request = HttpRequest.newBuilder(witness.url().resolve("add-checkpoint")).timeout(TIMEOUT)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * A witness as configured.
     *
     * @param url its submission prefix
     * @param key its cosignature verifier key
     */
    private record Configured(URI url, SignedNote.VerifierKey key) {
    }
}
