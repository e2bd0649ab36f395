package kyodo.query.portal.web;

import kyodo.kernel.Ward;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.thymeleaf.spring6.SpringWebFluxTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RenderedPartsTest {

    private final RenderedParts parts = new RenderedParts(engine());
    private final AtomicInteger renderings = new AtomicInteger();

    @Test
    void equalDataIsRenderedOnceAndAnsweredAlike() {
        String first = wardField("ja", "saiwai");
        String again = wardField("ja", new String("saiwai"));

        assertThat(renderings).hasValue(1);
        assertThat(again).isEqualTo(first)
                .contains("<label for=\"f-ward\">区</label>")
                .contains("<option value=\"saiwai\" selected=\"selected\">幸区</option>");
    }

    @Test
    void changedDataIsRenderedAgainWithTheNewData() {
        wardField("ja", "saiwai");
        String changed = wardField("ja", "tama");

        assertThat(renderings).hasValue(2);
        assertThat(changed).contains("<option value=\"tama\" selected=\"selected\">多摩区</option>")
                .doesNotContain("<option value=\"saiwai\" selected=\"selected\">");
    }

    @Test
    void eachLanguageHasItsOwnRendering() {
        String japanese = wardField("ja", "saiwai");
        String english = wardField("en", "saiwai");

        assertThat(renderings).hasValue(2);
        assertThat(japanese).contains(">幸区</option>");
        assertThat(english).contains("<label for=\"f-ward\">Ward</label>").contains(">Saiwai Ward</option>");
    }

    @Test
    void textIsEscapedAsThePageEscapesIt() {
        String html = parts.render(exchange("ja"), "parts", "cardTitle", "<script>", () -> {
            renderings.incrementAndGet();
            return Map.of("href", "/proposals/p-1", "title", "<script>alert(1)</script>");
        });

        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
    }

    @Test
    void theLeastRecentlyUsedPartsGoBeyondTheBudget() {
        RenderedParts.Kept kept = new RenderedParts.Kept(10);
        kept.put("a", "aaaa");
        kept.put("b", "bbbb");
        kept.get("a");
        kept.put("c", "cccc");

        assertThat(kept.get("a")).isEqualTo("aaaa");
        assertThat(kept.get("b")).isNull();
        assertThat(kept.get("c")).isEqualTo("cccc");
    }

    /** The ward choice of a list's filters, rendered as a part keyed on the chosen ward. */
    private String wardField(String language, String ward) {
        return parts.render(exchange(language), "parts", "wardField", ward, () -> {
            renderings.incrementAndGet();
            return Map.of("ward", ward, "wards", Arrays.asList(Ward.values()));
        });
    }

    private static ServerWebExchange exchange(String language) {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/proposals")
                .header(HttpHeaders.ACCEPT_LANGUAGE, language));
    }

    /** The portal's engine as the application configures it, reading the templates from the class path. */
    private static SpringWebFluxTemplateEngine engine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        SpringWebFluxTemplateEngine engine = new SpringWebFluxTemplateEngine();
        engine.setEnableSpringELCompiler(true);
        engine.addTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(new PortalConfiguration().portalMessages());
        return engine;
    }
}
