package kyodo.query.platform;

import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One segment of one processor in a {@link SinglePassReplay}: its handlers, its claimed token, and
 * the position it has reached, advanced per event the way Axon's pooled processor advances it (so a
 * {@code ReplayToken} stays one until the replay passes the position at the reset).
 * <p>
 * Not thread-safe: a batch's lanes of one processor are handled on one thread ({@link ReplayProcessor}),
 * which may be another one for the next batch; the replay's join after each batch orders the two.
 */
final class ReplayLane {

    private final String processor;
    private final Segment segment;
    private final EventHandlerInvoker handlers;
    private final List<MessageHandlerInterceptor<? super EventMessage<?>>> interceptors;
    private final TokenStore tokens;
    /**
     * Whether the handlers take a payload type at all: most events are for another processor, and asking
     * the handlers about each one walked every handler of the processor (a tenth of a replay's CPU).
     */
    private final Map<Class<?>, Boolean> handledTypes = new HashMap<>();
    /**
     * The handlers' invokers when every one is Axon's plain one, asked directly rather than through
     * {@link #handlers}: those ask each invoker whether it takes the message (its handlers, its segment, a
     * replay) before handing it over, and a plain invoker asks the same again when it handles it; with each
     * invoker's answer for a replay worked out once, that was a twentieth of a replay's CPU. Null otherwise.
     */
    private final List<EventHandlerInvoker> plain;
    /** Whether each of {@link #plain} takes a replay's events ({@code @DisallowReplay} on its class: not). */
    private final boolean[] replays;
    /** The processor has one segment: every event is this lane's. */
    private final boolean wholeStream;
    /** Reached within the current batch. */
    private TrackingToken position;
    /** Stored with the last committed batch (or fetched at the start). */
    private TrackingToken stored;

    private ReplayLane(AbstractEventProcessor processor, Segment segment, TokenStore tokens, TrackingToken token) {
        this.processor = processor.getName();
        this.segment = segment;
        this.handlers = processor.eventHandlerInvoker();
        // no correlation data: what a projection's handler writes goes to the read store, which keeps no
        // metadata, and working it out for each event and processor cost a twentieth of a replay
        this.interceptors = processor.getHandlerInterceptors().stream()
                .filter(interceptor -> !(interceptor instanceof CorrelationDataInterceptor)).toList();
        this.tokens = tokens;
        this.position = token;
        this.stored = token;
        List<EventHandlerInvoker> invokers = handlers instanceof MultiEventHandlerInvoker multi ? multi.delegates()
                : List.of(handlers);
        boolean allPlain = invokers.stream().allMatch(i -> i.getClass() == SimpleEventHandlerInvoker.class);
        this.plain = allPlain ? List.copyOf(invokers) : null;
        this.replays = new boolean[invokers.size()];
        for (int i = 0; i < replays.length; i++) {
            replays[i] = invokers.get(i).supportsReset();
        }
        this.wholeStream = segment.getMask() == 0;
    }

    /** Claims every segment of the processor's tokens; the caller releases them ({@link #release()}). */
    static List<ReplayLane> claim(AbstractEventProcessor processor, TokenStore tokens) {
        String name = processor.getName();
        int[] segments = tokens.fetchSegments(name);
        if (segments.length == 0) {
            throw new IllegalStateException("processor " + name + " has no tokens yet: start it once first");
        }
        List<ReplayLane> lanes = new ArrayList<>();
        try {
            for (int id : segments) {
                TrackingToken token = tokens.fetchToken(name, id);
                lanes.add(new ReplayLane(processor, Segment.computeSegment(id, segments), tokens, token));
            }
        } catch (RuntimeException e) {
            lanes.forEach(ReplayLane::release);
            throw e;
        }
        return lanes;
    }

    TrackingToken position() {
        return position;
    }

    boolean covers(TrackingToken token) {
        return SinglePassReplay.covers(position, token);
    }

    /**
     * Whether the processor's handlers take a payload type at all. Unlike {@link #handle} it touches none
     * of the lane's state, so the replay's reader asks it on its own thread.
     */
    boolean takes(Class<?> payloadType) {
        return handlers.canHandleType(payloadType);
    }

    /**
     * Advances the lane past the event and says whether its handlers take it: the message with the lane's
     * token to hand them ({@link #handle}), or null when the lane has handled it already, its processor
     * takes no such payload or another segment does.
     */
    TrackedEventMessage<?> take(TrackedEventMessage<?> event) {
        if (covers(event.trackingToken())) {
            return null;
        }
        position = WrappedToken.advance(position, event.trackingToken());
        if (!handledTypes.computeIfAbsent(event.getPayloadType(), this::takes)) {
            return null; // before the message with the lane's token is made: most events are another lane's
        }
        TrackedEventMessage<?> message = event.withTrackingToken(position);
        // with one segment, whether a handler takes this very message (its parameters) is asked once: when
        // the message is handed to the plain invokers, which skip it if none does
        return plain != null && wholeStream || handlers.canHandle(message, segment) ? message : null;
    }

    /** Hands a message {@link #take} gave to this segment's handlers, through the processor's interceptors. */
    void handle(TrackedEventMessage<?> message, UnitOfWork<? extends EventMessage<?>> unitOfWork) throws Exception {
        if (interceptors.isEmpty()) {
            dispatch(message);
        } else {
            new DefaultInterceptorChain<EventMessage<?>>(unitOfWork, interceptors, m -> {
                dispatch(message);
                return null;
            }).proceed();
        }
    }

    /**
     * As the processor's invoker hands a message over: to each invoker that takes a replay's events, or to
     * every one once the replay has passed the position at the reset; a plain invoker checks the segment and
     * finds the handler itself.
     */
    private void dispatch(TrackedEventMessage<?> message) throws Exception {
        if (plain == null) {
            handlers.handle(message, segment);
            return;
        }
        boolean replay = ReplayToken.isReplay(message);
        for (int i = 0; i < replays.length; i++) {
            if (replays[i] || !replay) {
                plain.get(i).handle(message, segment);
            }
        }
    }

    /** Once every document of the batch is written: the position, through the processor's token store (ADR 13). */
    void storePosition() {
        if (position != stored) {
            tokens.storeToken(position, processor, segment.getSegmentId());
        }
    }

    void committed() {
        stored = position;
    }

    /** The batch failed: back to what is stored, so that a retry would handle the batch again. */
    void rollBack() {
        position = stored;
    }

    void release() {
        tokens.releaseClaim(processor, segment.getSegmentId());
    }
}
