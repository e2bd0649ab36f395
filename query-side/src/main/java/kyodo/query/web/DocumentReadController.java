package kyodo.query.web;

import kyodo.query.listing.Viewer;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What the read controllers of the document features (proposals, meetings, projects, ward budgets)
 * share, so that each states only its routes, their documentation and which view answers: a page of
 * a list read off the event loop, and one document read after a write ({@code ?minVersion=N})
 * answered with its version as the ETag, a missing one as a 404 problem in the feature's words.
 */
public abstract class DocumentReadController {

    /** What every paged list route answers, for its OpenAPI description. */
    public static final String PAGE_ANSWER = "Answers {items, page, size, total}. Invalid parameters answer 400 "
            + "invalid-input naming each bad parameter.";

    /** The OpenAPI description of the {@code minVersion} parameter of a staff detail route. */
    public static final String MIN_VERSION = "wait for at least this version";

    private final ReadAfterWrite readAfterWrite;
    private final String notFound;

    /**
     * @param notFound the detail of the 404 problem of a document that is not there
     */
    protected DocumentReadController(ReadAfterWrite readAfterWrite, String notFound) {
        this.readAfterWrite = readAfterWrite;
        this.notFound = notFound;
    }

    /** A page of a list: the read model is read off the event loop. */
    protected static <P> Mono<P> page(Callable<P> read) {
        return Blocking.read(read);
    }

    /** One document by id, as {@code view} shows it to anyone. */
    protected <V> Mono<ResponseEntity<V>> document(String id, Callable<Optional<Document>> lookup, Long minVersion,
                                                   Function<Document, V> view, ToLongFunction<V> version) {
        return readAfterWrite.readDocument(id, lookup, minVersion, notFound).map(view)
                .map(shown -> versioned(shown, version));
    }

    /** One document found by {@code lookup} (its key checked by the caller), as {@code view} shows it. */
    protected <V> Mono<ResponseEntity<V>> document(Callable<Optional<Document>> lookup, Long minVersion,
                                                   Function<Document, V> view, ToLongFunction<V> version) {
        return readAfterWrite.readDocument(lookup, minVersion, notFound).map(view)
                .map(shown -> versioned(shown, version));
    }

    /**
     * One document by id, as {@code view} shows it to the signed-in reader: opening personal data reads
     * the key vault, so the view is made off the event loop.
     */
    protected <V> Mono<ResponseEntity<V>> documentFor(String id, Callable<Optional<Document>> lookup, Long minVersion,
                                                      BiFunction<Document, Viewer, V> view,
                                                      ToLongFunction<V> version) {
        return readAfterWrite.readDocument(id, lookup, minVersion, notFound)
                .zipWith(CurrentViewer.current())
                .flatMap(read -> Blocking.read(() -> view.apply(read.getT1(), read.getT2())))
                .map(shown -> versioned(shown, version));
    }

    private static <V> ResponseEntity<V> versioned(V view, ToLongFunction<V> version) {
        return ResponseEntity.ok().eTag(ReadAfterWrite.etag(version.applyAsLong(view))).body(view);
    }
}
