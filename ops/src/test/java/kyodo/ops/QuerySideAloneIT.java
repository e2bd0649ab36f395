package kyodo.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query side started alone ({@code --kyodo.side=query}) carries the same edge as the all-in-one
 * app: it never answers {@code /api} or {@code /analytics} to the anonymous public, and it takes no
 * command. (In one JVM on the embedded stores; processes apart need Axon Server.)
 */
class QuerySideAloneIT {

    private static final String UNKNOWN = "00000000-0000-0000-0000-000000000000";

    @RegisterExtension
    static final RunningApp app = new RunningApp("--kyodo.side=query");
    private static final Client anonymous = app.anonymous();
    private static final Client analyst = app.as("ANALYST", null);

    @Test
    void theAnonymousPublicGetsThePublicPagesOnly() {
        anonymous.get("/api/proposals/{id}", UNKNOWN).refusedWith(401, "/problems/unauthenticated");
        anonymous.get("/analytics/proposals/summary").refusedWith(401, "/problems/unauthenticated");
        anonymous.get("/public/proposals").ok();
    }

    @Test
    void signedInRolesReadWhatTheyMayAndNoCommandIsTaken() {
        analyst.get("/analytics/proposals/summary").ok();
        app.staff().get("/api/proposals/{id}", UNKNOWN).isProblem(404, "/problems/not-found");
        assertThat(app.context().getBeanNamesForType(org.axonframework.modelling.command.Repository.class))
                .as("no aggregate on the query side").isEmpty();
    }

    @Test
    void itNamesItselfToAxonServerAsTheQuerySide() {
        assertThat(app.context().getEnvironment().getProperty("axon.axonserver.component-name"))
                .isEqualTo("kyodo-query");
    }
}
