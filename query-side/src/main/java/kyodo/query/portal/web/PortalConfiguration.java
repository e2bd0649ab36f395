package kyodo.query.portal.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.dialect.IDialect;
import org.thymeleaf.spring6.SpringWebFluxTemplateEngine;
import org.thymeleaf.templateresolver.ITemplateResolver;

import java.util.Locale;

/**
 * The portal's pages: Thymeleaf templates rendered reactively (ADR 21), with their texts in the
 * {@code i18n/portal} bundles (Japanese, English). The template engine is Spring Boot's, except that
 * it reads the portal's bundles instead of an application-wide {@code messages} bundle, which the
 * JSON API has no use for.
 */
@Configuration(proxyBeanMethods = false)
class PortalConfiguration {

    @Bean
    ResourceBundleMessageSource portalMessages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/portal");
        messages.setDefaultEncoding("UTF-8");
        messages.setDefaultLocale(Locale.JAPANESE);
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    @Bean
    SpringWebFluxTemplateEngine templateEngine(ObjectProvider<ITemplateResolver> resolvers,
                                               ObjectProvider<IDialect> dialects,
                                               ResourceBundleMessageSource portalMessages) {
        SpringWebFluxTemplateEngine engine = new SpringWebFluxTemplateEngine();
        engine.setEnableSpringELCompiler(true);
        resolvers.orderedStream().forEach(engine::addTemplateResolver);
        dialects.orderedStream().forEach(engine::addDialect);
        engine.setTemplateEngineMessageSource(portalMessages);
        return engine;
    }

    @Bean
    PortalLanguage portalLanguage() {
        return new PortalLanguage();
    }
}
