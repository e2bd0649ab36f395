package kyodo.query.project;

import com.mongodb.client.model.Sorts;
import kyodo.kernel.Ward;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.project.ProjectProgramme;
import kyodo.query.listing.ListFilter;
import kyodo.query.listing.ListParameters;
import kyodo.query.listing.ListQuery;
import org.bson.conversions.Bson;

import java.util.List;
import java.util.Map;

/**
 * A project list request, validated: the filters, the page and the order. {@link #parse} turns raw
 * query parameters into one, or refuses them all at once with an invalid-input problem naming
 * every bad parameter, so that no malformed filter ever reaches the store.
 *
 * @param ward       only this ward's projects (not city-wide ones), or null
 * @param fiscalYear only projects running in this fiscal year, or null
 * @param programme  only projects of this programme, or null
 * @param status     only projects in this status, or null
 * @param theme      only projects of this theme (exact), or null
 * @param q          free text: every word must occur in the title or theme (bigram match), or null
 * @param page       0-based page number
 * @param size       items per page, 1..{@value ListParameters#MAX_SIZE}
 * @param descending whether latest launch first
 */
public record ProjectListQuery(Ward ward, Integer fiscalYear, ProjectProgramme programme, ProjectStatus status,
                               String theme, String q, int page, int size, boolean descending) implements ListQuery {

    public static final List<String> SORTS = List.of("launchedAt", "-launchedAt");
    public static final String DEFAULT_SORT = "-launchedAt";

    /** Everything, latest launch first, first page. */
    public static ProjectListQuery all() {
        return parse(Map.of());
    }

    /**
     * Reads raw query parameters as {@link ListParameters} reads every list's.
     *
     * @throws KyodoProblemException invalid-input, with one field violation per bad parameter
     */
    public static ProjectListQuery parse(Map<String, List<String>> params) {
        ListParameters in = new ListParameters(params);
        Ward ward = in.ward();
        Integer fiscalYear = in.fiscalYear();
        ProjectProgramme programme = in.choice("programme", ProjectProgramme.class);
        ProjectStatus status = in.choice("status", ProjectStatus.class);
        String theme = in.theme();
        String q = in.words();
        ListParameters.Paging paging = in.paging();
        boolean descending = in.sort(SORTS, DEFAULT_SORT).startsWith("-");
        in.done();
        return new ProjectListQuery(ward, fiscalYear, programme, status, theme, q, paging.page(), paging.size(),
                descending);
    }

    /** The store filter: every given condition must hold. */
    @Override
    public Bson filter() {
        return new ListFilter()
                .eq("ward", ward, Ward::code)
                .eq("fiscalYear", fiscalYear)
                .eq("programme", programme, ProjectProgramme::name)
                .eq("status", status, ProjectStatus::name)
                .eq("theme", theme)
                .matching(q);
    }

    /** By launch, with the id as tie-breaker so that pages neither overlap nor skip. */
    @Override
    public Bson sort() {
        return descending ? Sorts.descending("launchedAt", "_id") : Sorts.ascending("launchedAt", "_id");
    }
}
