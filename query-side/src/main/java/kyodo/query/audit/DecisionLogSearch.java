package kyodo.query.audit;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import kyodo.kernel.Ward;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.query.listing.ListFilter;
import kyodo.query.listing.ListPage;
import kyodo.query.listing.ListParameters;
import kyodo.query.platform.store.ReadCollection;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The decision log read through filters (subject, kind, outcome, ward), for {@code /public/decisions}
 * and the portal's log page. The filters match the entries' own members: every entry carries its
 * subject and its ward (null for city-wide subjects) from the decision itself, so nothing is derived
 * from other read models.
 */
@Component
public class DecisionLogSearch {

    /** The longest subject id a filter may name. */
    public static final int SUBJECT_ID_MAX = 100;

    private final ReadCollection log;

    public DecisionLogSearch(DecisionLog decisionLog) {
        this.log = decisionLog.collection();
        // a subject's decisions are the most asked-for filter (a proposal's or a meeting's own log)
        log.createIndex(Indexes.ascending("subjectId"));
    }

    /** Up to {@code limit} matching entries with seq greater than {@code after}, in order. Blocking. */
    public List<DecisionLogEntry> after(Filter filter, long after, int limit) {
        return log.find(Filters.and(Filters.gt("_id", after), filter.bson())).sort(Sorts.ascending("_id"))
                .limit(limit).map(DecisionLogEntry::fromDocument);
    }

    /** One page of the matching entries, newest first, and how many match. Blocking. */
    public NewestFirst newestFirst(Filter filter, ListParameters.Paging paging) {
        Bson bson = filter.bson();
        List<DecisionLogEntry> items = log.find(bson).sort(Sorts.descending("_id")).skip(paging.skip())
                .limit(paging.size()).map(DecisionLogEntry::fromDocument);
        return new NewestFirst(items, paging.page(), paging.size(), log.count(bson));
    }

    /**
     * What entries to show: each member null when not filtered on.
     *
     * @param subjectType a subject type's code ({@code proposal}, {@code meeting}, …)
     * @param subjectId   a subject's id
     * @param kind        a {@link DecisionKind} name
     * @param outcome     a {@link DecisionOutcome} name
     * @param ward        a ward's code
     */
    public record Filter(String subjectType, String subjectId, String kind, String outcome, String ward) {

        /** No filter: the whole log. */
        public static final Filter NONE = new Filter(null, null, null, null, null);

        /** Subject types as the filter names them. */
        public static final List<String> SUBJECT_TYPES = Arrays.stream(SubjectType.values()).map(SubjectType::code)
                .toList();

        /**
         * Reads {@code subjectType}, {@code subjectId}, {@code kind}, {@code outcome} and {@code ward};
         * bad values are recorded in {@code in} (the caller ends the reading, so that every bad
         * parameter of the request is named at once).
         */
        public static Filter read(ListParameters in) {
            SubjectType type = in.read("subjectType", SubjectType::fromCode, ListParameters.oneOf(SUBJECT_TYPES));
            String subjectId = in.text("subjectId", SUBJECT_ID_MAX);
            DecisionKind kind = in.choice("kind", DecisionKind.class);
            DecisionOutcome outcome = in.choice("outcome", DecisionOutcome.class);
            Ward ward = in.ward();
            return new Filter(type == null ? null : type.code(), subjectId, kind == null ? null : kind.name(),
                    outcome == null ? null : outcome.name(), ward == null ? null : ward.code());
        }

        /** The filter's values by parameter name, the unset ones as empty strings (for a form). */
        public Map<String, String> asParameters() {
            return Map.of("subjectType", orEmpty(subjectType), "subjectId", orEmpty(subjectId), "kind",
                    orEmpty(kind), "outcome", orEmpty(outcome), "ward", orEmpty(ward));
        }

        public boolean isEmpty() {
            return equals(NONE);
        }

        Bson bson() {
            return new ListFilter().eq("subjectType", subjectType).eq("subjectId", subjectId).eq("kind", kind)
                    .eq("outcome", outcome).eq("ward", ward).matching(null);
        }

        private static String orEmpty(String value) {
            return value == null ? "" : value;
        }
    }

    /**
     * A page of the log, newest entry first.
     *
     * @param items the entries
     * @param page  0-based page number
     * @param size  most entries a page holds
     * @param total how many entries match
     */
    public record NewestFirst(List<DecisionLogEntry> items, int page, int size, long total)
            implements ListPage<DecisionLogEntry> {
    }
}
