package kyodo.kernel.personal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one spelling of a contact that the blind index keys on, so that the same person typed at two
 * counters is found again: trimmed and NFKC-normalised (full-width letters and digits become ASCII),
 * then an e-mail address (it holds an {@code @}) in lower case; a phone number (digits and the usual
 * separators only) as its digits, {@code +81} read as the leading {@code 0} of a domestic number;
 * anything else (a postal address) with its runs of white space made one space, in lower case.
 */
public final class ContactNormalisation {

    /** Digits with the separators people type in phone numbers, dashes of every width included. */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9\\s().\\-‐‑‒–—―−ー]+");
    private static final Pattern NON_DIGITS = Pattern.compile("[^0-9]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** Fewer digits than this is no phone number (a house number, a postal code typed alone). */
    private static final int PHONE_MIN_DIGITS = 8;

    private ContactNormalisation() {
    }

    /** The normalised contact; empty for a blank one. */
    public static Optional<String> normalise(String contact) {
        if (contact == null) {
            return Optional.empty();
        }
        String text = Normalizer.normalize(contact, Normalizer.Form.NFKC).strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.indexOf('@') >= 0) {
            return Optional.of(SPACES.matcher(text).replaceAll("").toLowerCase(Locale.ROOT));
        }
        if (PHONE.matcher(text).matches()) {
            String digits = NON_DIGITS.matcher(text).replaceAll("");
            if (digits.length() >= PHONE_MIN_DIGITS) {
                return Optional.of("tel:" + (text.startsWith("+81") ? "0" + digits.substring(2) : digits));
            }
        }
        return Optional.of(SPACES.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT));
    }
}
