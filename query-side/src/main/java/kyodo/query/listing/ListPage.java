package kyodo.query.listing;

import java.util.List;

/**
 * One page of a list as a feature answers it (e.g. {@code ProposalPage}): what a pager needs to know
 * of any list, whatever its items are.
 */
public interface ListPage<T> {

    /** This page's items, in the list's order. */
    List<T> items();

    /** 0-based page number. */
    int page();

    /** Items per page. */
    int size();

    /** How many items match, over all pages. */
    long total();
}
