package kyodo.ops.demo;

/**
 * The demo load stopped: the server refused a command or could not be reached. The message names
 * the command and the server's answer, so an operator can see which step of the dataset failed.
 */
public class DemoLoadException extends RuntimeException {

    public DemoLoadException(String message) {
        super(message);
    }

    public DemoLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
