package kyodo.query.portal.web;

import kyodo.query.portal.PortalFormat;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringWebFluxTemplateEngine;
import org.thymeleaf.spring6.web.webflux.SpringWebFluxWebApplication;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Parts of portal pages rendered once per distinct content and language, and inserted into the page
 * as HTML ({@code th:utext}): the content of the home page, of the proposal list and of a proposal's
 * page. Rendering was most of a page's CPU (profiled at 100k proposals: the engine walked every
 * card's expressions and fragments on every request), while many visitors read the same content.
 * <p>
 * A part is keyed on <em>the data it shows</em> (records, compared by value) and the page's language,
 * never on a version or a time: every request still reads the read models as the JSON API does, and a
 * changed figure or proposal is a different key, so a part is never staler than the API. The caller
 * passes the variables the fragment reads; they must be a function of the key and the language (the
 * formatter {@code fmt} and {@code lang} are added here). Parts hold nothing personal or per visitor
 * (no forms with tokens, no nonce): the same data renders the same HTML for everyone. The least
 * recently used parts are dropped beyond {@link #BUDGET} characters.
 */
@Component
class RenderedParts {

    /** At most about 8 MB of kept HTML (Japanese text is two bytes a character): a few hundred pages. */
    static final int BUDGET = 4_000_000;

    private final SpringWebFluxTemplateEngine engine;
    private final SpringWebFluxWebApplication application =
            SpringWebFluxWebApplication.buildApplication(ReactiveAdapterRegistry.getSharedInstance());
    private final Kept kept = new Kept(BUDGET);

    RenderedParts(SpringWebFluxTemplateEngine templateEngine) {
        this.engine = templateEngine;
    }

    /**
     * The fragment {@code fragment} of {@code portal/{template}} as HTML, rendered with the variables
     * (asked for only when the part is not kept) in the page's language.
     *
     * @param data what the fragment shows; equal data (and language) render equal HTML
     */
    String render(ServerWebExchange exchange, String template, String fragment, Object data,
                  Supplier<Map<String, ?>> variables) {
        Locale locale = PortalView.locale(exchange);
        Key key = Key.of(template, fragment, locale.getLanguage(), data);
        String html = kept.get(key);
        if (html == null) {
            Map<String, Object> context = new HashMap<>(variables.get());
            context.put("fmt", new PortalFormat(locale));
            context.put("lang", locale.getLanguage());
            html = engine.process("portal/" + template, Set.of(fragment), new WebContext(
                    application.buildExchange(exchange, locale, MediaType.TEXT_HTML, StandardCharsets.UTF_8),
                    locale, context));
            kept.put(key, html);
        }
        return html;
    }

    /**
     * A page's content (its {@code main}): the fragment {@code fragment} of {@code rendered.html}
     * rendered with the page's whole model, which is also its key (every value compared by value).
     */
    String main(ServerWebExchange exchange, String fragment, Map<String, ?> model) {
        return render(exchange, "rendered", fragment, new HashMap<>(model), () -> model);
    }

    /**
     * A part's identity. Its hash is computed once, outside the lock, and is the first component, so
     * the record's equality compares it before the data.
     */
    private record Key(int hash, String template, String fragment, String language, Object data) {

        static Key of(String template, String fragment, String language, Object data) {
            return new Key(Objects.hash(template, fragment, language, data), template, fragment, language, data);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** The kept parts, least recently used first, within a budget of characters of HTML. */
    static final class Kept {
        private final LinkedHashMap<Object, String> parts = new LinkedHashMap<>(64, 0.75f, true);
        private final long budget;
        private long size;

        Kept(long budget) {
            this.budget = budget;
        }

        synchronized String get(Object key) {
            return parts.get(key);
        }

        synchronized void put(Object key, String html) {
            String before = parts.put(key, html);
            size += html.length() - (before == null ? 0 : before.length());
            var oldest = parts.entrySet().iterator();
            while (size > budget && oldest.hasNext()) {
                size -= oldest.next().getValue().length();
                oldest.remove();
            }
        }
    }
}
