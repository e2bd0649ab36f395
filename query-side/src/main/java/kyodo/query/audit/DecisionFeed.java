package kyodo.query.audit;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * New decision-log entries as they are appended, for {@code /public/decisions/stream}. Subscribers
 * are woken by the projection in the same JVM at once, and by one shared poll of the log's size
 * (every {@code kyodo.audit.stream.poll-interval}, 1 s) when the log is written elsewhere; each then
 * reads the entries after the last one it saw from the store, so none is missed or repeated.
 */
@Component
public class DecisionFeed {

    private static final int PAGE = 200;

    private final DecisionLog log;
    private final Sinks.Many<Long> appended = Sinks.many().multicast().directBestEffort();
    private final Flux<Long> sizes;

    public DecisionFeed(DecisionLog log, AuditSettings settings) {
        this.log = log;
        Flux<Long> polled = Flux.interval(settings.stream().pollInterval())
                .onBackpressureDrop()
                .concatMap(tick -> Mono.fromCallable(log::size).subscribeOn(Schedulers.boundedElastic())
                        .onErrorResume(e -> Mono.empty()), 1);
        this.sizes = Flux.merge(appended.asFlux(), polled).share();
    }

    /** Called after entries were appended: the log now has {@code size} entries. */
    void appended(long size) {
        appended.tryEmitNext(size);
    }

    /** The log's size after each append made in this process, as it happens (for the checkpoint schedule). */
    Flux<Long> appendedHere() {
        return appended.asFlux();
    }

    /** Every entry with seq greater than {@code after}, in order, now and as they come. Never completes. */
    public Flux<DecisionLogEntry> follow(long after) {
        return Flux.defer(() -> {
            AtomicLong last = new AtomicLong(after);
            return Flux.concat(Mono.just(Long.MAX_VALUE), sizes.onBackpressureLatest())
                    .filter(size -> size > last.get())
                    .concatMap(size -> catchUp(last), 1);
        });
    }

    private Flux<DecisionLogEntry> catchUp(AtomicLong last) {
        return page(last.get())
                .expand(page -> page.size() < PAGE ? Mono.empty() : page(page.get(page.size() - 1).seq()))
                .concatMapIterable(page -> page)
                .doOnNext(entry -> last.set(entry.seq()));
    }

    private Mono<List<DecisionLogEntry>> page(long after) {
        return Mono.fromCallable(() -> log.after(after, PAGE)).subscribeOn(Schedulers.boundedElastic());
    }
}
