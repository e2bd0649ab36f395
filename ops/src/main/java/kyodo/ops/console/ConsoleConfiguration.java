package kyodo.ops.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The staff console's pages share the portal's template engine (ADR 21), which reads one message
 * source: the console's texts ({@code i18n/console_*}) are added to it as a second bundle, so a
 * console page can use the portal's words (statuses, timeline steps, roles) and its own. Console keys
 * start with {@code console.} and never shadow the portal's.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    static final String BUNDLE = "i18n/console";

    ConsoleConfiguration(ResourceBundleMessageSource portalMessages) {
        portalMessages.addBasenames(BUNDLE);
    }
}
