package kyodo.ops.cli;

import kyodo.ops.audit.Witness;
import kyodo.ops.audit.WitnessServer;
import kyodo.ops.audit.WitnessState;
import kyodo.query.audit.AuditSigningKey;
import kyodo.query.audit.SignedNote;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar kyodo.jar witness --name NAME --key FILE --log-key VKEY --state DIR --port N
 * [--bind ADDRESS]}: runs a C2SP witness of one kyodo log on this machine, with its own key (made in
 * FILE on first start), until stopped. It prints its cosignature verifier key, which kyodo's
 * {@code kyodo.audit.witnesses[i].key} and {@code audit check --witness-key} take.
 */
final class WitnessCli {

    static final String USAGE = """
            usage: java -jar kyodo.jar witness --name NAME --key FILE --log-key VKEY --state DIR --port N
                                               [--bind ADDRESS]
              NAME     the witness's name, e.g. audit.city.example/witness (no spaces, no '+')
              FILE     its Ed25519 key (PKCS#8), made there on first start
              VKEY     the log's verifier key, as kyodo serves it at /public/log/vkey
              DIR      where it keeps the last checkpoint it cosigned and the ones it refused
            """;

    private WitnessCli() {
    }

    static int run(PrintStream out, PrintStream err, List<String> args) {
        Usage usage = new Usage("witness", USAGE);
        return usage.parse(err, () -> witness(args)).map(witness -> {
            try (WitnessServer server = WitnessServer.start(witness.witness(), witness.address())) {
                out.println("witness: listening on " + witness.address().getHostString() + ":" + server.port()
                        + ", POST /add-checkpoint");
                out.println("witness: cosignature key (for --witness-key and kyodo.audit.witnesses[i].key): "
                        + witness.witness().verifierKey().render());
                new CountDownLatch(1).await();
                return 0;
            } catch (IOException e) {
                err.println("witness: cannot listen on " + witness.address() + ": " + e.getMessage());
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }).orElse(Usage.WRONG);
    }

    /** The witness and its address, from the command line. */
    static Configured witness(List<String> args) {
        CommandLine line = CommandLine.read(args, 0, List.of("--name", "--key", "--log-key", "--state", "--port",
                "--bind"), false);
        for (String required : List.of("--name", "--key", "--log-key", "--state", "--port")) {
            if (!line.flags().containsKey(required)) {
                throw new IllegalArgumentException(required + " is required");
            }
        }
        SignedNote.VerifierKey logKey = AuditCheckCli.key("--log-key", line.flags().get("--log-key"),
                SignedNote.ED25519);
        int port;
        try {
            port = Integer.parseInt(line.flags().get("--port"));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be a port number (0: any free port)");
        }
        AuditSigningKey key = AuditSigningKey.loadOrCreate(Path.of(line.flags().get("--key")));
        Witness witness = new Witness(line.flags().get("--name"), key, logKey,
                new WitnessState(Path.of(line.flags().get("--state")), Clock.systemUTC()), Clock.systemUTC());
        return new Configured(witness, new InetSocketAddress(line.flags().getOrDefault("--bind", "127.0.0.1"), port));
    }

    /**
     * A witness ready to serve.
     *
     * @param witness the witness
     * @param address where it listens
     */
    record Configured(Witness witness, InetSocketAddress address) {
    }
}
