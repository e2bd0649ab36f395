package kyodo.query.portal;

import java.util.List;

/**
 * The public portal's URLs, named once: the security edge opens exactly these to anonymous visitors
 * and gives them the page policy (CSP), and the portal's own filter chooses their language. A new
 * page type adds its paths here and nowhere else.
 */
public final class PortalPaths {

    /** Where the portal's CSS and images are served from ({@code static/portal/}). */
    public static final String STATIC = "/portal/";

    /** Path patterns (Spring's {@code PathPattern} syntax) of the pages and their static files. */
    public static final List<String> PATTERNS = List.of("/", "/proposals", "/proposals/*", "/meetings", "/meetings/*",
            "/projects", "/projects/*", "/budgets", "/budgets/*/*", "/decisions", "/decisions/*", "/accessibility",
            STATIC + "**");

    private static final List<String> PAGE_PREFIXES = List.of("/proposals/", "/meetings/", "/projects/",
            "/decisions/");
    private static final List<String> PAGES = List.of("/", "/proposals", "/meetings", "/projects", "/budgets",
            "/decisions", "/accessibility");
    /** A ward budget is named by two segments, its ward and fiscal year. */
    private static final String BUDGET_PREFIX = "/budgets/";

    private PortalPaths() {
    }

    /** Where the staff console's pages are (ops, issue 16): signed-in only, but the same language and page policy. */
    public static final String CONSOLE = "/console";

    /** Where residents' own pages are (ops, issue 17): their account, signed-in mostly; the same language and page policy. */
    public static final String RESIDENT = "/resident";

    /** Whether a (canonical) request path is one of the public portal's HTML pages. */
    public static boolean isPage(String path) {
        return PAGES.contains(path) || PAGE_PREFIXES.stream().anyMatch(prefix -> oneSegmentAfter(path, prefix))
                || isBudgetPage(path);
    }

    /**
     * Whether a (canonical) request path is a page of the portal, of the staff console or of residents'
     * accounts: all take the portal's language choice and page policy (the console signed-in only).
     */
    public static boolean isHtml(String path) {
        return isPage(path) || isConsole(path) || isResident(path);
    }

    /** Whether a (canonical) request path is one of residents' own pages. */
    public static boolean isResident(String path) {
        return path.equals(RESIDENT) || path.startsWith(RESIDENT + "/");
    }

    /** Whether a (canonical) request path is one of the staff console's pages. */
    public static boolean isConsole(String path) {
        return path.equals(CONSOLE) || path.startsWith(CONSOLE + "/");
    }

    private static boolean oneSegmentAfter(String path, String prefix) {
        return path.startsWith(prefix) && path.indexOf('/', prefix.length()) < 0 && path.length() > prefix.length();
    }

    /** {@code /budgets/{ward}/{fiscalYear}}: two non-empty segments. */
    private static boolean isBudgetPage(String path) {
        if (!path.startsWith(BUDGET_PREFIX)) {
            return false;
        }
        int slash = path.indexOf('/', BUDGET_PREFIX.length());
        return slash > BUDGET_PREFIX.length() && oneSegmentAfter(path, path.substring(0, slash + 1));
    }

    /** Whether a (canonical) request path is a portal or console page or one of the portal's static files. */
    public static boolean isPortal(String path) {
        return isHtml(path) || path.startsWith(STATIC);
    }
}
