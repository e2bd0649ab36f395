package kyodo.query.listing;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import kyodo.query.platform.store.ReadCollection;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.Optional;

/**
 * A subject's read model (proposals, meetings, projects) read one document by its id: the document
 * without the fields a reader must not get, or its title alone (the decision log names its subjects
 * by it). Written once for every subject's views. Blocking.
 *
 * @param collection the read model's documents
 * @param known      what else a document must match to be a subject (null: every document is one)
 */
public record SubjectDocuments(ReadCollection collection, Bson known) {

    /** The subject's document without {@code hidden} fields (at least its search tokens). */
    public Optional<Document> find(String id, String... hidden) {
        return Optional.ofNullable(collection.find(byId(id)).projection(Projections.exclude(hidden)).first());
    }

    /** The subject's title alone. */
    public Optional<String> title(String id) {
        return Optional.ofNullable(collection.find(byId(id)).projection(Projections.include("title")).first())
                .map(doc -> doc.getString("title"));
    }

    private Bson byId(String id) {
        return known == null ? Filters.eq("_id", id) : Filters.and(Filters.eq("_id", id), known);
    }
}
