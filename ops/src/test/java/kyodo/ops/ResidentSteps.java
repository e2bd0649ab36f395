package kyodo.ops;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given-steps for residents over HTTP, as a browser without JavaScript takes them: a resident signed up,
 * confirmed with the mailed code and signed in; verified with a code staff of a ward issue at the counter.
 */
final class ResidentSteps {

    static final String PASSWORD = "a-resident-password-1";
    private static final Pattern ISSUED = Pattern.compile("id=\"issued-code\">([A-Z0-9]+)<");

    private final RunningApp app;

    ResidentSteps(RunningApp app) {
        this.app = app;
    }

    ConsoleSession browser() {
        return new ConsoleSession(() -> app.app().anonymousHttp(), null);
    }

    /** A resident signed up, confirmed and signed in. */
    ConsoleSession signedUp(String email, String name) {
        ConsoleSession resident = browser();
        resident.get("/resident/sign-up").status(200);
        resident.post("/resident/sign-up", Map.of("email", email, "name", name, "password", PASSWORD))
                .redirectsTo("/resident/confirm?sent=1");
        resident.get("/resident/confirm").status(200);
        resident.post("/resident/confirm", Map.of("email", email, "code", ResidentMailbox.codeFor(app.dataDir(), email)))
                .redirectsTo("/resident/sign-in?notice=confirmed");
        resident.get("/resident/sign-in").status(200);
        resident.post("/resident/sign-in", Map.of("email", email, "password", PASSWORD)).redirectsTo("/resident");
        return resident;
    }

    /** A resident signed up and verified as a resident of the ward, with the identity document given. */
    ConsoleSession verified(String email, String name, String ward, String documentId) {
        ConsoleSession resident = signedUp(email, name);
        String code = counterCode(ward, documentId);
        resident.get("/resident/verification").status(200);
        resident.post("/resident/verification", Map.of("code", code)).redirectsTo("/resident?verified=1");
        return resident;
    }

    /** Staff of the ward issue a counter code for the document; the page shows it once. */
    String counterCode(String ward, String documentId) {
        ConsoleSession staff = browser();
        staff.signIn(KyodoTestApp.username("STAFF", ward), KyodoTestApp.PASSWORD).redirectsTo("/console");
        staff.get("/console/resident-codes").status(200);
        ConsoleSession.Page issued = staff.post("/console/resident-codes", Map.of("documentId", documentId)).status(200);
        Matcher code = ISSUED.matcher(issued.html());
        assertThat(code.find()).as("the issued code on the page").isTrue();
        return code.group(1);
    }
}
