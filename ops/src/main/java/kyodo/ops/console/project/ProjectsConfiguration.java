package kyodo.ops.console.project;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The texts of the console's project, budget and referral pages ({@code i18n/console-projects_*}), a bundle of
 * their own added to the portal's message source as the console's is ({@code ConsoleConfiguration}). Keys start
 * with {@code console.project.}, {@code console.budget.} or {@code console.referral.}.
 */
@Configuration(proxyBeanMethods = false)
class ProjectsConfiguration {

    static final String BUNDLE = "i18n/console-projects";

    ProjectsConfiguration(ResourceBundleMessageSource portalMessages) {
        portalMessages.addBasenames(BUNDLE);
    }
}
