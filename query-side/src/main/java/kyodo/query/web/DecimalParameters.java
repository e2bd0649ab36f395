package kyodo.query.web;

import kyodo.query.listing.ListParameters;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import java.beans.PropertyEditorSupport;

/**
 * Whole-number request parameters (such as {@code minVersion}) are written in ASCII decimal digits
 * and nothing else. Spring's default number editor would read {@code 0x10} as 16 and {@code #10}
 * or {@code 010} by other radix rules, so a client could name a version it never saw; as with
 * {@link ListParameters#whole}, anything but decimal digits is a 400 naming the parameter. (An
 * editor, not a converter: Spring falls back to its own editor when a converter refuses.)
 *
 * <p>Applied to the controllers that read request parameters: the query side's and the pages and
 * accounts assembled in {@code kyodo.ops}. Not to the command side's, whose routes take their input
 * as a JSON body (and the id and {@code If-Match} through their own resolver): there it would only be
 * invoked, reflectively, for every command's binder (the bean validation of its body) and change
 * nothing (issue 13, the request path).
 */
@ControllerAdvice(basePackages = {"kyodo.query", "kyodo.ops"})
public class DecimalParameters {

    @InitBinder
    void decimalLongs(WebDataBinder binder) {
        binder.registerCustomEditor(Long.class, new DecimalLongEditor());
    }

    /** {@code [+-]?[0-9]{1,18}} to a Long; blank to null; anything else refused. */
    static final class DecimalLongEditor extends PropertyEditorSupport {

        @Override
        public void setAsText(String text) {
            String value = text == null ? "" : text.strip();
            setValue(value.isEmpty() ? null : ListParameters.whole(value)
                    .orElseThrow(() -> new IllegalArgumentException("not a whole number in decimal digits")));
        }
    }
}
