package kyodo.query.proposal;

import com.mongodb.client.model.Sorts;
import kyodo.kernel.Ward;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.ProposalStatus;
import kyodo.query.listing.ListFilter;
import kyodo.query.listing.ListParameters;
import kyodo.query.listing.ListQuery;
import org.bson.conversions.Bson;

import java.util.List;
import java.util.Map;

/**
 * A proposal list request, validated: the filters, the page and the order. {@link #parse} turns raw
 * query parameters into one, or refuses them all at once with an invalid-input problem naming
 * every bad parameter, so that no malformed filter ever reaches the store.
 *
 * @param ward       only this ward's proposals, or null
 * @param status     only proposals in this status, or null
 * @param theme      only proposals carrying this theme label (exact), or null
 * @param programme  only proposals of this programme, or null
 * @param fiscalYear only proposals submitted in this fiscal year, or null
 * @param overdue    true: only overdue ones; false: only those not overdue; null: both
 * @param q          free text: every word must occur in the title or body (bigram match), or null
 * @param page       0-based page number
 * @param size       items per page, 1..{@value ListParameters#MAX_SIZE}
 * @param sortField  {@code submittedAt} or {@code dueOn}
 * @param descending whether newest (latest) first
 */
public record ProposalListQuery(Ward ward, ProposalStatus status, String theme, ProposalProgramme programme,
                                Integer fiscalYear, Boolean overdue, String q, int page, int size,
                                String sortField, boolean descending) implements ListQuery {

    public static final List<String> SORTS = List.of("submittedAt", "-submittedAt", "dueOn", "-dueOn");
    public static final String DEFAULT_SORT = "-submittedAt";

    /** Everything, newest first, first page. */
    public static ProposalListQuery all() {
        return parse(Map.of());
    }

    /**
     * Reads raw query parameters as {@link ListParameters} reads every list's.
     *
     * @throws KyodoProblemException invalid-input, with one field violation per bad parameter
     */
    public static ProposalListQuery parse(Map<String, List<String>> params) {
        ListParameters in = new ListParameters(params);
        Ward ward = in.ward();
        ProposalStatus status = in.choice("status", ProposalStatus.class);
        ProposalProgramme programme = in.choice("programme", ProposalProgramme.class);
        String theme = in.theme();
        Integer fiscalYear = in.fiscalYear();
        Boolean overdue = in.read("overdue", ListParameters::bool, "true or false");
        String q = in.words();
        ListParameters.Paging paging = in.paging();
        String order = in.sort(SORTS, DEFAULT_SORT);
        in.done();
        boolean descending = order.startsWith("-");
        return new ProposalListQuery(ward, status, theme, programme, fiscalYear, overdue, q, paging.page(),
                paging.size(), descending ? order.substring(1) : order, descending);
    }

    /** The store filter: every given condition must hold. */
    @Override
    public Bson filter() {
        return new ListFilter()
                .eq("ward", ward, Ward::code)
                .eq("status", status, ProposalStatus::name)
                .eq("themes", theme)
                .eq("programme", programme, ProposalProgramme::name)
                .eq("fiscalYear", fiscalYear)
                .eq("overdue", overdue)
                .matching(q);
    }

    /**
     * The order, with the id as tie-breaker (in the same direction, so that one index serves both
     * directions) so that pages neither overlap nor skip.
     */
    @Override
    public Bson sort() {
        return descending ? Sorts.descending(sortField, "_id") : Sorts.ascending(sortField, "_id");
    }
}
