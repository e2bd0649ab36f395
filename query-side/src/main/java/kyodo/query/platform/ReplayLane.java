package kyodo.query.platform;

import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
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
    /** Whether the lane is its processor's only segment, which takes every event. */
    private final boolean whole;
    private final EventHandlerInvoker handlers;
    private final List<MessageHandlerInterceptor<? super EventMessage<?>>> interceptors;
    private final TokenStore tokens;
    /**
     * Whether the handlers take a payload type at all: most events are for another processor, and asking
     * the handlers about each one walked every handler of the processor (a tenth of a replay's CPU).
     */
    private final Map<Class<?>, Boolean> handledTypes = new HashMap<>();
    /** Reached within the current batch. */
    private TrackingToken position;
    /** Stored with the last committed batch (or fetched at the start). */
    private TrackingToken stored;

    private ReplayLane(AbstractEventProcessor processor, Segment segment, TokenStore tokens, TrackingToken token) {
        this.processor = processor.getName();
        this.segment = segment;
        this.whole = segment.getMask() == 0;
        this.handlers = processor.eventHandlerInvoker();
        // no correlation data: what a projection's handler writes goes to the read store, which keeps no
        // metadata, and working it out for each event and processor cost a twentieth of a replay
        this.interceptors = processor.getHandlerInterceptors().stream()
                .filter(interceptor -> !(interceptor instanceof CorrelationDataInterceptor)).toList();
        this.tokens = tokens;
        this.position = token;
        this.stored = token;
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
        // the one segment of a processor takes every event its handlers take: asking them again walked each
        // handler with the whole message (a twentieth of the replay's handling), and handle() asks anyway
        return whole || handlers.canHandle(message, segment) ? message : null;
    }

    /** Hands a message {@link #take} gave to this segment's handlers, through the processor's interceptors. */
    void handle(TrackedEventMessage<?> message, UnitOfWork<? extends EventMessage<?>> unitOfWork) throws Exception {
        if (interceptors.isEmpty()) {
            handlers.handle(message, segment);
        } else {
            new DefaultInterceptorChain<EventMessage<?>>(unitOfWork, interceptors, m -> {
                handlers.handle(message, segment);
                return null;
            }).proceed();
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
