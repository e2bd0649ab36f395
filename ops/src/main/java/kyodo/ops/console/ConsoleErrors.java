package kyodo.ops.console;

import kyodo.kernel.access.Actor;
import kyodo.ops.security.BrowserErrors;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * A failed console page answers with the console's error page (an unknown proposal 404, a bad ward 400,
 * anything unexpected 500 without details), as every browser area does ({@link BrowserErrors}).
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
class ConsoleErrors extends BrowserErrors {

    ConsoleErrors() {
        super("console/error", "/console", Actor.class);
    }
}
