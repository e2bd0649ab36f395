package kyodo.kernel.problem;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * What an error answer leaves in the log, decided once for every handler: a failure of ours (5xx,
 * among them a command whose outcome was not known in time, 504) once at ERROR; a temporary
 * unavailability (503: a read model still catching up, decisions queued, a command withdrawn before it
 * started), which the answer asks the client to retry, as one INFO line without a stack trace; a refused request (4xx), whose answer says everything, and a client that hung up at
 * DEBUG, so that a console at INFO shows no line per ordinary refusal.
 *
 * <p>No exception message is logged: messages echo input (Jackson quotes the value it could not
 * read, a duplicate key names its key), and input may be someone's name or address. The log names
 * the request, the problem and, for each exception in the cause chain, its type and where it was
 * thrown, which is enough to find the line. Written through {@link System.Logger} so the kernel
 * needs no logging library; Spring Boot routes it into the application's log.
 */
public final class ProblemLog {

    private static final System.Logger LOG = System.getLogger(ProblemLog.class.getName());
    /** Reactor Netty's "the connection was closed", named because the kernel does not see Reactor. */
    private static final String REACTOR_ABORTED = "reactor.netty.channel.AbortedException";

    private ProblemLog() {
    }

    /** Logs the answer to a failed request as the policy above says. */
    public static void answered(String method, String path, ProblemDetails problem, Throwable failure) {
        if (problem.status() == 503) {
            LOG.log(Level.INFO, () -> method + " " + path + " answered 503 " + problem.slug() + ": "
                    + causes(failure));
        } else if (problem.status() >= 500) {
            LOG.log(Level.ERROR, () -> method + " " + path + " failed, answered " + problem.status() + " "
                    + problem.slug() + ": " + causes(failure));
        } else {
            LOG.log(Level.DEBUG, () -> method + " " + path + " answered " + problem.status() + " " + problem.slug());
        }
    }

    /** Whether the failure is the client closing the connection before the request was read or answered. */
    public static boolean clientWentAway(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.nio.channels.ClosedChannelException || isA(cause, REACTOR_ABORTED)) {
                return true;
            }
        }
        return false;
    }

    /** Nobody is left to read an answer: not a failure of ours, and nothing to log as one. */
    public static void hungUp(String method, String path) {
        LOG.log(Level.DEBUG, () -> method + " " + path + ": the client went away");
    }

    static void unwritable(ProblemDetails problem, Exception failure) {
        LOG.log(Level.ERROR, () -> "problem " + problem.slug() + " cannot be written as JSON: " + causes(failure));
    }

    /**
     * {@code java.lang.IllegalStateException at kyodo.X.y(X.java:12) <- caused by …}, without messages;
     * each at the first frame in kyodo's code, else where it was thrown.
     */
    static String causes(Throwable failure) {
        List<String> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() < 8; t = t.getCause() == t ? null : t.getCause()) {
            StackTraceElement[] trace = t.getStackTrace();
            StackTraceElement at = trace.length == 0 ? null : trace[0];
            for (StackTraceElement frame : trace) {
                if (frame.getClassName().startsWith("kyodo.")) {
                    at = frame;
                    break;
                }
            }
            chain.add(t.getClass().getName() + (at == null ? "" : " at " + at));
        }
        return String.join(" <- caused by ", chain);
    }

    private static boolean isA(Throwable t, String className) {
        for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
