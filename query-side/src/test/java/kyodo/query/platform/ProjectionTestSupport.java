package kyodo.query.platform;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the projection tests share: the projection driven as a processor drives it, through Axon's own
 * adapter (so that {@code @EventHandler} and {@code @SequenceNumber} are exercised too), and the
 * collection it keeps read back. A test names both with {@link #drive} before each test.
 */
public abstract class ProjectionTestSupport {

    private AnnotationEventHandlerAdapter handler;
    private MongoCollection<Document> documents;

    /** Drives {@code projection}, which keeps {@code documents}. */
    protected final void drive(Object projection, MongoCollection<Document> documents) {
        this.handler = new AnnotationEventHandlerAdapter(projection);
        this.documents = documents;
    }

    /** One event outside any unit of work: written at once. */
    protected final void apply(EventMessage<?> message) {
        try {
            handler.handle(message);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    protected final void applyAll(List<? extends EventMessage<?>> messages) {
        messages.forEach(this::apply);
    }

    /** Events in one unit of work, as a processor hands over a batch; {@code during} runs after each. */
    protected final void process(List<? extends EventMessage<?>> batch, Consumer<EventMessage<?>> during) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.copyOf(batch));
        unitOfWork.executeWithResult(() -> {
            handler.handle(unitOfWork.getMessage());
            during.accept(unitOfWork.getMessage());
            return null;
        });
    }

    /** The collection's documents by id. */
    protected final List<Document> allDocuments() {
        return documents.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    /** The collection's documents by id, as JSON: what two runs must agree on. */
    protected final List<String> allJson() {
        return allDocuments().stream().map(Document::toJson).toList();
    }
}
