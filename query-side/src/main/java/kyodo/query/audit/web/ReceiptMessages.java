package kyodo.query.audit.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The texts of the receipt link on a decision's portal page, in a bundle of the audit's own
 * ({@value #BUNDLE}), added to the portal's messages when the portal runs.
 */
@Configuration(proxyBeanMethods = false)
class ReceiptMessages {

    static final String BUNDLE = "i18n/audit-receipt";

    ReceiptMessages(ObjectProvider<ResourceBundleMessageSource> portalMessages) {
        portalMessages.ifAvailable(messages -> messages.addBasenames(BUNDLE));
    }
}
