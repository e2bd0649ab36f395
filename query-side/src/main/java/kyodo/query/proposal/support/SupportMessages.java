package kyodo.query.proposal.support;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The texts of residents' supports (issue 17) on the portal's proposal pages and the residents' support
 * page, in a bundle of their own ({@value #BUNDLE}), added to the portal's messages when the portal runs.
 */
@Configuration(proxyBeanMethods = false)
class SupportMessages {

    static final String BUNDLE = "i18n/supports";

    SupportMessages(ObjectProvider<ResourceBundleMessageSource> portalMessages) {
        portalMessages.ifAvailable(messages -> messages.addBasenames(BUNDLE));
    }
}
