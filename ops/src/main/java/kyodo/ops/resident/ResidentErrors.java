package kyodo.ops.resident;

import kyodo.ops.security.BrowserErrors;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * A failed resident page answers with the residents' error page (a wrong code 400, too many attempts 429
 * with {@code Retry-After}, another's proposal 404, anything unexpected 500 without details), as every
 * browser area does ({@link BrowserErrors}).
 */
@ControllerAdvice(basePackageClasses = ResidentErrors.class)
class ResidentErrors extends BrowserErrors {

    ResidentErrors() {
        super("resident/error", "/resident", ResidentPrincipal.class);
    }
}
