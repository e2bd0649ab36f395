package kyodo.ops.cli;

import kyodo.ops.audit.PublicLogVerifier;
import kyodo.ops.audit.ReceiptVerifier;
import kyodo.ops.audit.WitnessPolicy;
import kyodo.query.audit.Cosignature;
import kyodo.query.audit.SignedNote;
import org.springframework.boot.convert.DurationStyle;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar kyodo.jar audit check}: a running kyodo through its public endpoints
 * ({@code --url}, {@link PublicLogVerifier}), or one receipt offline ({@code --receipt FILE --key VKEY},
 * {@link ReceiptVerifier}); both optionally requiring witnesses' cosignatures ({@code --witness-key},
 * repeatable, and {@code --min-witnesses}). Exit status 0 when every check holds, 1 otherwise.
 */
final class AuditCheckCli {

    private AuditCheckCli() {
    }

    /**
     * @throws IllegalArgumentException for a wrong command line (answered with the usage)
     */
    static int check(PrintStream out, List<String> args) {
        String url = null;
        String receipt = null;
        SignedNote.VerifierKey logKey = null;
        int samples = 8;
        Long from = null;
        Duration maxAge = null;
        List<SignedNote.VerifierKey> witnesses = new ArrayList<>();
        int minWitnesses = 0;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                    : i + 1 < args.size() ? args.get(++i) : null;
            if (value == null) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            switch (name) {
                case "--url" -> url = value;
                case "--receipt" -> receipt = value;
                case "--key" -> logKey = key(name, value, SignedNote.ED25519);
                case "--samples" -> samples = positive(name, value);
                case "--from" -> from = (long) positive(name, value);
                case "--max-checkpoint-age" -> maxAge = duration(name, value);
                case "--witness-key" -> witnesses.add(key(name, value, Cosignature.TYPE));
                case "--min-witnesses" -> minWitnesses = positive(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (minWitnesses > witnesses.size()) {
            throw new IllegalArgumentException("--min-witnesses " + minWitnesses + " needs as many --witness-key");
        }
        WitnessPolicy policy = new WitnessPolicy(witnesses, minWitnesses);
        if ((url == null) == (receipt == null)) {
            throw new IllegalArgumentException("give either --url or --receipt");
        }
        PublicLogVerifier.Result result = receipt != null ? receipt(receipt, logKey, policy)
                : new PublicLogVerifier(base(url), new PublicLogVerifier.Options(samples, from, maxAge, policy),
                Clock.systemUTC()).check();
        out.print(result.render());
        return result.ok() ? 0 : 1;
    }

    private static PublicLogVerifier.Result receipt(String file, SignedNote.VerifierKey logKey, WitnessPolicy policy) {
        if (logKey == null) {
            throw new IllegalArgumentException("--receipt needs --key, the log's verifier key (/public/log/vkey)");
        }
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read --receipt " + file);
        }
        return new ReceiptVerifier(logKey, policy).verify(text);
    }

    private static URI base(String url) {
        URI base;
        try {
            base = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--url is not a URL: " + url);
        }
        if (base.getScheme() == null || base.getHost() == null) {
            throw new IllegalArgumentException("--url must be like http://host:port");
        }
        return base;
    }

    /**
     * A verifier key of that type: name+keyid+base64(type ‖ Ed25519 key), or a file holding one (as
     * saved from {@code /public/log/vkey}).
     */
    static SignedNote.VerifierKey key(String name, String value, byte type) {
        SignedNote.VerifierKey key;
        try {
            key = SignedNote.VerifierKey.parse(keyText(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
        if (key.type() != type) {
            throw new IllegalArgumentException(name + " must be a verifier key of type 0x0" + type + ": " + value);
        }
        return key;
    }

    /** The key itself, or the first line of the file it names. */
    private static String keyText(String value) {
        try {
            Path file = Path.of(value);
            if (!value.contains("+") && Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            }
        } catch (IOException | InvalidPathException e) {
            // not a readable file: parsed as the key itself
        }
        return value;
    }

    /** A positive duration as settings write them: {@code 30s}, {@code 10m}, {@code PT1H}. */
    private static Duration duration(String name, String value) {
        try {
            Duration duration = DurationStyle.detectAndParse(value);
            if (!duration.isNegative() && !duration.isZero()) {
                return duration;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new IllegalArgumentException(name + " must be a positive duration such as 30s, 10m or PT1H");
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(name + " must be a whole number >= 1");
    }
}
