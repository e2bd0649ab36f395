package kyodo.query.proposal.support;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads how many residents support proposals (the count alone: the read model holds nothing else). Blocking. */
@Component
public class SupportCounts {

    private final ReadCollection supports;

    public SupportCounts(ReadStore store) {
        this.supports = store.collection(SupportCountProjection.COLLECTION);
    }

    /** The proposal's supports; 0 when none was ever given. */
    public int of(String proposalId) {
        Document doc = supports.find(Filters.eq("_id", proposalId)).projection(Projections.include("supports")).first();
        return doc == null ? 0 : doc.getInteger("supports", 0);
    }

    /** The supports of each of the proposals, in one read; a proposal never supported is left out (0). */
    public Map<String, Integer> of(Collection<String> proposalIds) {
        Map<String, Integer> counts = new HashMap<>();
        if (proposalIds.isEmpty()) {
            return counts;
        }
        supports.find(Filters.in("_id", List.copyOf(proposalIds))).projection(Projections.include("supports"))
                .forEach(doc -> counts.put(doc.getString("_id"), doc.getInteger("supports", 0)));
        return counts;
    }
}
