package kyodo.query.web;

import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;

/** The live streams' shape (server-sent events): an opening comment, the events, a heartbeat comment. */
public final class EventStreams {

    private EventStreams() {
    }

    /**
     * {@code events} after a comment line {@code opening} (so that the response starts at once, before
     * any event is due), with a comment line every {@code heartbeat} that keeps idle connections open.
     */
    public static <T> Flux<ServerSentEvent<T>> withHeartbeat(String opening, Flux<ServerSentEvent<T>> events,
                                                             Duration heartbeat) {
        return Flux.concat(Mono.just(EventStreams.<T>comment(opening)),
                Flux.merge(events, Flux.interval(heartbeat).map(tick -> comment("keep-alive"))));
    }

    private static <T> ServerSentEvent<T> comment(String text) {
        return ServerSentEvent.<T>builder().comment(text).build();
    }
}
