package kyodo.query.listing;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import kyodo.query.platform.store.ReadCollection;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.Optional;

/**
 * What every subject's views (proposals, meetings, projects) read alike: one document by its id, without
 * the fields a reader must not get, and its title alone (the decision log names its subjects by it). A
 * feature's views add its lists and shape its documents for their audiences.
 */
public abstract class SubjectViews {

    /** The subject's read model. */
    protected final ReadCollection documents;
    /** What else a document must match to be a subject (null: every document is one). */
    private final Bson known;

    protected SubjectViews(ReadCollection documents, Bson known) {
        this.documents = documents;
        this.known = known;
    }

    /** The stored document without its search tokens (personal data still sealed), if known. Blocking. */
    public Optional<Document> find(String id) {
        return find(id, "searchTokens");
    }

    /** The subject's title alone. Blocking. */
    public Optional<String> title(String id) {
        return Optional.ofNullable(documents.find(byId(id)).projection(Projections.include("title")).first())
                .map(doc -> doc.getString("title"));
    }

    /** The stored document without the {@code hidden} fields. Blocking. */
    protected Optional<Document> find(String id, String... hidden) {
        return Optional.ofNullable(documents.find(byId(id)).projection(Projections.exclude(hidden)).first());
    }

    private Bson byId(String id) {
        return known == null ? Filters.eq("_id", id) : Filters.and(Filters.eq("_id", id), known);
    }
}
