package kyodo.ops.console.admin;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The console's ADMIN pages (accounts, sign-in throttles, erasure of a person) and the sign-in with the
 * city's account bring their texts in a bundle of their own ({@code i18n/console-admin_*}), added to the
 * portal's message source as the console's is. Its keys start with {@code console.admin.} or
 * {@code console.signIn.city}.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleAdminConfiguration {

    static final String BUNDLE = "i18n/console-admin";

    ConsoleAdminConfiguration(ResourceBundleMessageSource portalMessages) {
        portalMessages.addBasenames(BUNDLE);
    }
}
