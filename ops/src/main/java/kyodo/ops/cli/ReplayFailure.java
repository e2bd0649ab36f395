package kyodo.ops.cli;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

/**
 * What a failed replay tells its operator. The failure that reaches the command is often a consequence: when the
 * heap runs out inside the embedded store's writer, the store closes itself and the next write fails with "This
 * store is closed". The cause is searched for in the whole chain (causes and suppressed failures), and a heap that
 * ran out is named with the heap the process had and what to run instead.
 */
public final class ReplayFailure {

    /** The replay's command as the README gives it. */
    static final String REPLAY_FLAGS = "java -Xmx512m -XX:+UseParallelGC -jar kyodo.jar projections replay all";

    private ReplayFailure() {
    }

    /** One line for the operator: what failed, and why when the chain says more than its first message. */
    public static String describe(Throwable failure) {
        return describe(failure, Runtime.getRuntime().maxMemory());
    }

    static String describe(Throwable failure, long maxHeapBytes) {
        String first = message(failure);
        if (find(failure, OutOfMemoryError.class) != null) {
            return String.format(Locale.ROOT, "the Java heap ran out (%,d MB usable, set by -Xmx) (%s); "
                    + "replay with more heap and the server stopped: %s", maxHeapBytes >> 20, first, REPLAY_FLAGS);
        }
        Throwable root = failure;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (root.getCause() != null && seen.add(root)) {
            root = root.getCause();
        }
        return root == failure || message(root).equals(first) ? first : first + " (caused by " + message(root) + ")";
    }

    private static String message(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    /** The first failure of the type in the chain, breadth first over causes and suppressed failures. */
    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> next = new ArrayDeque<>();
        next.add(failure);
        while (!next.isEmpty()) {
            Throwable one = next.poll();
            if (!seen.add(one)) {
                continue;
            }
            if (type.isInstance(one)) {
                return type.cast(one);
            }
            if (one.getCause() != null) {
                next.add(one.getCause());
            }
            Collections.addAll(next, one.getSuppressed());
        }
        return null;
    }
}
