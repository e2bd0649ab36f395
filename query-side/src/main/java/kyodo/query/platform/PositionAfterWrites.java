package kyodo.query.platform;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.List;
import java.util.Optional;

/**
 * A projection's token store that never stores a position ahead of the documents it covers: before
 * a processor stores the position reached by a batch, every write the batch's projections still
 * hold ({@link PendingWrites}) is written, acknowledged by the read-model store and made durable
 * (the embedded store commits its file; see {@link kyodo.query.platform.store.ReadStore#makeDurable()}). Axon's pooled
 * processor stores the position in a prepare-commit step registered <em>before</em> the batch is
 * handled, so without this a write left for prepare-commit would land after its position, and a
 * kill in between would skip it for good (ADR 13).
 * <p>
 * After a crash the store therefore holds a position P and at least the documents of every event up
 * to P, possibly some after it: the processor re-delivers from P, and every projection applies an
 * event it has already seen as a no-op (sequence or event-id guards).
 */
public final class PositionAfterWrites implements TokenStore {

    private static final String DURABLE = PositionAfterWrites.class.getName() + ".durable";

    private final TokenStore delegate;
    private final Runnable makeDurable;

    /**
     * @param delegate    where positions are kept (in the same store as the documents)
     * @param makeDurable returns once every write acknowledged so far survives a crash of this process
     */
    public PositionAfterWrites(TokenStore delegate, Runnable makeDurable) {
        this.delegate = delegate;
        this.makeDurable = makeDurable;
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment)
            throws UnableToClaimTokenException {
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
            PendingWrites.flush(unitOfWork);
            // One unit of work may store several positions: the one-pass replay stores every lane's at
            // its prepare-commit, where no handler runs any more. The first flush wrote the documents of
            // them all, so one commit covers them all; each further one would only have made the
            // position stored just before it durable, which ADR 13 does not need (a lost position is
            // handled again).
            if (!Boolean.TRUE.equals(unitOfWork.getResource(DURABLE))) {
                makeDurable.run();
                unitOfWork.resources().put(DURABLE, Boolean.TRUE);
            }
        } else {
            makeDurable.run();
        }
        delegate.storeToken(token, processorName, segment);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount)
            throws UnableToClaimTokenException {
        delegate.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount,
                                        TrackingToken initialToken) throws UnableToClaimTokenException {
        delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        return delegate.fetchToken(processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment)
            throws UnableToClaimTokenException {
        return delegate.fetchToken(processorName, segment);
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        delegate.extendClaim(processorName, segment);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        delegate.deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return delegate.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return delegate.retrieveStorageIdentifier();
    }
}
