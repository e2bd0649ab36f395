package kyodo.query.platform;

import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.ReadStoreTokenStore;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;

/**
 * A projection's token store that never stores a position ahead of the documents it covers: before
 * a processor stores the position reached by a batch, every write the batch's projections still
 * hold ({@link PendingWrites}) is written and acknowledged by the read-model store, and, unless the
 * store commits positions with the documents ({@link ReadStore#positionsCommitWithDocuments()}), made
 * durable. Axon's pooled processor stores the position in a prepare-commit step registered
 * <em>before</em> the batch is handled, so without this a write left for prepare-commit would land
 * after its position, and a kill in between would skip it for good (ADR 13).
 * <p>
 * After a crash the store therefore holds a position P and at least the documents of every event up
 * to P, possibly some after it: the processor re-delivers from P, and every projection applies an
 * event it has already seen as a no-op (sequence or event-id guards).
 */
public final class PositionAfterWrites extends ForwardingTokenStore {

    private static final String DURABLE = PositionAfterWrites.class.getName() + ".durable";

    /** Null when nothing is needed between the documents and their position. */
    private final Runnable makeDurable;

    /**
     * @param delegate    where positions are kept (in the same store as the documents)
     * @param makeDurable returns once every write acknowledged so far survives a crash of this process;
     *                    null where no commit is needed between the documents and their position
     */
    public PositionAfterWrites(TokenStore delegate, Runnable makeDurable) {
        super(delegate);
        this.makeDurable = makeDurable;
    }

    /**
     * The positions of a query-side processor, kept in the read store beside its documents
     * ({@link ReadStoreTokenStore}).
     */
    public static PositionAfterWrites inReadStore(ReadStore store, Serializer serializer) {
        return inReadStore(store, new ReadStoreTokenStore(store, serializer));
    }

    /**
     * Positions kept in {@code positions}, a token store over the same read store as the documents. On a
     * store that commits positions and documents in one atomic snapshot (the embedded engine) a batch's
     * documents are only written before its position: any commit that holds the position holds them,
     * and the store's own commits (every second, and at a clean close) make both durable, so a batch
     * costs no commit of its own (issue 13). On the others each batch's documents are made durable
     * before its position ({@link ReadStore#makeDurable()}).
     */
    public static PositionAfterWrites inReadStore(ReadStore store, TokenStore positions) {
        return new PositionAfterWrites(positions, store.positionsCommitWithDocuments() ? null : store::makeDurable);
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment)
            throws UnableToClaimTokenException {
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
            PendingWrites.flush(unitOfWork);
            // One unit of work may store several positions (a processor's segments at its prepare-commit,
            // where no handler runs any more). The first flush wrote the documents of them all, so one
            // commit covers them all; each further one would only have made the position stored just
            // before it durable, which ADR 13 does not need (a lost position is handled again).
            if (makeDurable != null && !Boolean.TRUE.equals(unitOfWork.getResource(DURABLE))) {
                makeDurable.run();
                unitOfWork.resources().put(DURABLE, Boolean.TRUE);
            }
        } else if (makeDurable != null) {
            makeDurable.run();
        }
        delegate.storeToken(token, processorName, segment);
    }
}
