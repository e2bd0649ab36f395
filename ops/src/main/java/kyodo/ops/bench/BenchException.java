package kyodo.ops.bench;

/** A benchmark step that could not be done: a refused command, an unreachable server, a bad answer. */
public class BenchException extends RuntimeException {

    public BenchException(String message) {
        super(message);
    }

    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
