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
            "/accessibility",
            STATIC + "**");

    private static final List<String> PAGE_PREFIXES = List.of("/proposals/", "/meetings/");
    private static final List<String> PAGES = List.of("/", "/proposals", "/meetings", "/accessibility");

    private PortalPaths() {
    }

    /** Where the staff console's pages are (ops, issue 16): signed-in only, but the same language and page policy. */
    public static final String CONSOLE = "/console";

    /** Whether a (canonical) request path is one of the portal's HTML pages, or of the staff console's. */
    public static boolean isPage(String path) {
        return PAGES.contains(path) || path.equals(CONSOLE) || path.startsWith(CONSOLE + "/") || PAGE_PREFIXES.stream()
                .anyMatch(prefix -> path.startsWith(prefix) && path.indexOf('/', prefix.length()) < 0
                        && path.length() > prefix.length());
    }

    /** Whether a (canonical) request path is a portal page or one of its static files. */
    public static boolean isPortal(String path) {
        return isPage(path) || path.startsWith(STATIC);
    }
}
