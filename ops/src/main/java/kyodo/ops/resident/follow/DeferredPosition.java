package kyodo.ops.resident.follow;

import kyodo.query.platform.ForwardingTokenStore;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The notifier's position, stored at most once per {@code every} while it is busy (issue 13). The
 * notifier's position lives in the event store's token table, and its own writes go elsewhere (the
 * follows' store, the outbox): with a position stored per batch, every few events cost a commit of the
 * event store's file of their own, beside the commands' (3.3 ms of CPU per answer at 100k proposals).
 *
 * <p>A batch's position is kept in memory once its unit of work committed, and written through when
 * the last write is {@code every} old, when the processor is idle (it extends its claim then, about
 * once a second) and when it lets its claim go (a stop, an error). An extension of the claim less than
 * {@code every} after the last write or extension is left out: the claim is far from its timeout. A {@code kill -9} therefore loses at
 * most the positions of the last {@code every}: the notifier reads those events again, and tells nobody
 * twice, since every write it makes is idempotent (a mail is queued under a key of the event and the
 * follower, every notification is noted per event and follower: {@link Follows#note}). That is the
 * guarantee its batches of {@link FollowConfiguration#NOTIFIER_BATCH} events already relied on. A
 * position stored outside a batch (Axon's reset, a batch of events it has no handler for) is written at
 * once, and replaces what was kept.
 */
final class DeferredPosition extends ForwardingTokenStore {

    private final Duration every;
    private final Clock clock;
    /** The position of each claimed segment ({@code processor/segment}) handled but not yet written. */
    private final Map<String, TrackingToken> kept = new ConcurrentHashMap<>();
    /** When each segment's claim was last refreshed in the store: its position written, or the claim extended. */
    private final Map<String, Instant> refreshed = new ConcurrentHashMap<>();

    DeferredPosition(TokenStore delegate, Duration every, Clock clock) {
        super(delegate);
        this.every = every;
        this.clock = clock;
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) throws UnableToClaimTokenException {
        String key = key(processorName, segment);
        if (!CurrentUnitOfWork.isStarted()) {
            write(token, processorName, segment);
            return;
        }
        if (due(key)) {
            write(token, processorName, segment);
            return;
        }
        // kept only once the batch committed: a batch rolled back leaves the position where it was
        CurrentUnitOfWork.get().root().afterCommit(uow -> kept.put(key, token));
    }

    /** Writes the position through (in the caller's transaction); what was kept is superseded. */
    private void write(TrackingToken token, String processorName, int segment) {
        String key = key(processorName, segment);
        kept.remove(key);
        delegate.storeToken(token, processorName, segment);
        refreshed.put(key, clock.instant());
    }

    /** Whether the segment's claim was last refreshed {@code every} ago or more (or never by this store). */
    private boolean due(String key) {
        Instant last = refreshed.get(key);
        return last == null || !clock.instant().isBefore(last.plus(every));
    }

    /** Writes the kept position, if any (it also extends the claim). */
    private boolean flush(String processorName, int segment) {
        TrackingToken token = kept.get(key(processorName, segment));
        if (token == null) {
            return false;
        }
        write(token, processorName, segment);
        return true;
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        // Axon extends the claim when idle, and after a batch that took longer than a second: a claim
        // refreshed less than {@code every} ago is far from its timeout, and extending it is a commit
        String key = key(processorName, segment);
        if (!flush(processorName, segment) && due(key)) {
            delegate.extendClaim(processorName, segment);
            refreshed.put(key, clock.instant());
        }
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        flush(processorName, segment);
        refreshed.remove(key(processorName, segment));
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        kept.remove(key(processorName, segment));
        delegate.deleteToken(processorName, segment);
    }

    private static String key(String processorName, int segment) {
        return processorName + "/" + segment;
    }
}
