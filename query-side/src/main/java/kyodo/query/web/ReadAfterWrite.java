package kyodo.query.web;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;

/**
 * {@code ?minVersion=N}: reads are eventually consistent, so a client that just sent a command
 * can ask to wait (bounded) until the read model shows at least the version its command answered.
 * Past the bound it answers 503 with Retry-After instead of stale data. The bound is
 * {@code kyodo.query.max-wait}, or {@code kyodo.query.page-max-wait} for a request that the signed-in pages'
 * edge marked with {@link #onSignedInPage} (a member's page right after their own form post).
 */
@Component
@EnableConfigurationProperties(QuerySettings.class)
public class ReadAfterWrite {

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,64}");

    /** Between two looks: 25 ms at first, 5 ms longer each time, at most 250 ms (a long wait costs few lookups). */
    private static final Duration POLL = Duration.ofMillis(25);
    private static final Duration POLL_MAX = Duration.ofMillis(250);

    /** The Reactor context key that marks a request of the signed-in pages. */
    private static final String SIGNED_IN_PAGE = ReadAfterWrite.class.getName() + ".signedInPage";

    /**
     * The highest minVersion worth waiting for: no proposal, meeting, project or budget gets near
     * a million events, so a larger one is a mistake or an attempt to hold a connection open, and
     * is refused at once.
     */
    public static final long MAX_MIN_VERSION = 1_000_000L;

    private final Duration maxWait;
    private final Duration pageMaxWait;

    public ReadAfterWrite(QuerySettings settings) {
        this.maxWait = settings.maxWait();
        // never shorter than the API's bound
        this.pageMaxWait = settings.pageMaxWait().compareTo(maxWait) < 0 ? maxWait : settings.pageMaxWait();
    }

    /**
     * Marks a request's reads as a signed-in page's: their {@code minVersion} waits up to
     * {@code kyodo.query.page-max-wait}. For the edge of the console's and residents' pages, behind sign-in.
     */
    public static Context onSignedInPage(Context context) {
        return context.put(SIGNED_IN_PAGE, Boolean.TRUE);
    }

    private static Duration pause(long repeat) {
        Duration pause = POLL.plusMillis(5 * repeat);
        return pause.compareTo(POLL_MAX) > 0 ? POLL_MAX : pause;
    }

    /**
     * Looks a document up, waiting for {@code minVersion} when given.
     *
     * @return the document, empty if unknown (only without minVersion), or a 503 problem
     */
    public <T> Mono<Optional<T>> read(Callable<Optional<T>> lookup, ToLongFunction<T> version, Long minVersion) {
        Mono<Optional<T>> once = Mono.fromCallable(lookup).subscribeOn(Schedulers.boundedElastic());
        if (minVersion == null) {
            return once;
        }
        if (minVersion < 0 || minVersion > MAX_MIN_VERSION) {
            return Mono.error(new KyodoProblemException(CommonProblems.INVALID_INPUT,
                    "minVersion must be from 0 to " + MAX_MIN_VERSION + ".",
                    java.util.List.of(new kyodo.kernel.problem.FieldViolation("minVersion",
                            "a whole number from 0 to " + MAX_MIN_VERSION)), Map.of()));
        }
        Mono<Optional<T>> reached = once
                .filter(found -> found.isPresent() && version.applyAsLong(found.get()) >= minVersion);
        // Only the waiting is bounded, not the first look: a document already at the version is answered
        // however long that lookup took on a busy machine (timed from the start, a slow first lookup
        // turned a read model that was up to date into a 503).
        return reached.switchIfEmpty(Mono.deferContextual(context -> reached
                .repeatWhenEmpty(repeats -> repeats.concatMap(repeat -> Mono.delay(pause(repeat))))
                .timeout(context.getOrDefault(SIGNED_IN_PAGE, false) ? pageMaxWait : maxWait, Mono.error(
                        () -> new KyodoProblemException(CommonProblems.READ_MODEL_LAGGING,
                                "The read model has not reached version " + minVersion + " yet; retry shortly.")))));
    }

    /**
     * One read-model document by id, as every detail endpoint reads it: an id of the wrong shape or
     * an unknown one is a 404 problem ({@code notFoundDetail}), {@code minVersion} waits as in
     * {@link #read}.
     */
    public Mono<org.bson.Document> readDocument(String id, Callable<Optional<org.bson.Document>> lookup,
                                                Long minVersion, String notFoundDetail) {
        if (id == null || !ID.matcher(id).matches()) {
            return Mono.error(new KyodoProblemException(CommonProblems.NOT_FOUND, notFoundDetail));
        }
        return readDocument(lookup, minVersion, notFoundDetail);
    }

    /** One read-model document found by {@code lookup}: as {@link #readDocument(String, Callable, Long, String)}. */
    public Mono<org.bson.Document> readDocument(Callable<Optional<org.bson.Document>> lookup, Long minVersion,
                                                String notFoundDetail) {
        return read(lookup, doc -> doc.getLong("version"), minVersion)
                .flatMap(found -> found.map(Mono::just).orElseGet(() -> Mono.error(
                        new KyodoProblemException(CommonProblems.NOT_FOUND, notFoundDetail))));
    }

    /** The strong ETag of a read model's version: {@code "N"}, as command answers carry it. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
