package kyodo.ops.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The console's meeting pages bring their own texts ({@code i18n/console-meetings_*}), added to the
 * portal's message source as {@link ConsoleConfiguration} adds the console's, so that the bundles of
 * the console's parts never touch each other. Keys start with {@code console.meeting}.
 */
@Configuration(proxyBeanMethods = false)
class MeetingConsoleConfiguration {

    static final String BUNDLE = "i18n/console-meetings";

    MeetingConsoleConfiguration(ResourceBundleMessageSource portalMessages) {
        portalMessages.addBasenames(BUNDLE);
    }
}
