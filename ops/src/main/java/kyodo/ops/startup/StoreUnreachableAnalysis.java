package kyodo.ops.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.util.stream.Collectors;

/**
 * Reports {@link StoreUnreachable} as Spring Boot reports a failed start it understands: a description
 * and an action, no stack trace (Spring Boot logs the exception itself only at DEBUG).
 */
public class StoreUnreachableAnalysis extends AbstractFailureAnalyzer<StoreUnreachable> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StoreUnreachable cause) {
        String stores = cause.down().entrySet().stream()
                .map(e -> "  " + StoreUnreachable.line(e.getKey(), e.getValue()))
                .collect(Collectors.joining("\n"));
        return new FailureAnalysis("kyodo gave up waiting for its stores:\n" + stores,
                "Start the stores named, or correct their settings; kyodo.startup.retry-give-up-after sets how long "
                        + "a start waits for them.", cause);
    }
}
