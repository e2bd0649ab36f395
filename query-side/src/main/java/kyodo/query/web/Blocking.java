package kyodo.query.web;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.Callable;

/** Reads of the read store block, so the HTTP edge runs them on the bounded elastic threads, never the event loop. */
public final class Blocking {

    private Blocking() {
    }

    /** {@code read}, run when subscribed, off the event loop. */
    public static <T> Mono<T> read(Callable<T> read) {
        return Mono.fromCallable(read).subscribeOn(Schedulers.boundedElastic());
    }
}
