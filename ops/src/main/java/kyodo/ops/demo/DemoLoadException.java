package kyodo.ops.demo;

import org.springframework.web.reactive.function.client.WebClientResponseException;

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

    /** The server answered the call with an error: the call, the status and the server's problem. */
    static DemoLoadException refused(String call, WebClientResponseException e) {
        return new DemoLoadException(call + " answered " + e.getStatusCode().value() + ": "
                + e.getResponseBodyAsString(), e);
    }
}
