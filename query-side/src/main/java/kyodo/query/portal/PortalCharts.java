package kyodo.query.portal;

import org.springframework.context.MessageSource;

import java.util.List;
import java.util.Locale;

/**
 * What every page's charts share: they are drawn in the page's language, their labels from the
 * portal's bundles and their figures written as the tables beside them write theirs.
 */
abstract class PortalCharts {

    private final MessageSource messages;
    private final Locale locale;
    /** The page's formats, for labels and shown figures. */
    protected final PortalFormat fmt;

    PortalCharts(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
        this.fmt = new PortalFormat(locale);
    }

    /** A label from the portal's bundles in the page's language; the key itself when it has none. */
    protected final String text(String key, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    /** Whether the page is in English (else Japanese). */
    protected final boolean english() {
        return Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
    }

    /** Counts as the tables show them. */
    protected final List<String> counts(List<Long> values) {
        return values.stream().map(fmt::number).toList();
    }

    /** Yen as the city writes them (5,500万円), as the tables show them beside the plain figure. */
    protected static List<String> yen(List<Long> values) {
        return values.stream().map(PortalFormat::yenJa).toList();
    }
}
