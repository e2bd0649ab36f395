package kyodo.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side started alone ({@code --kyodo.side=command}) carries the same edge as the
 * all-in-one app: commands from signed-in staff only, and no read model served. (In one JVM on the
 * embedded event store; processes apart need Axon Server and a shared event store.)
 */
class CommandSideAloneIT {

    @RegisterExtension
    static final RunningApp app = new RunningApp("--kyodo.side=command");
    private static final Client anonymous = app.anonymous();
    private static final Client staff = app.staff();

    @Test
    void onlySignedInStaffSendCommands() {
        anonymous.post("/api/proposals").body(Requests.proposal())
                .refusedWith(401, "/problems/unauthenticated");
        assertThat(app.app().storedEvents()).isZero();

        String id = staff.post("/api/proposals").body(Requests.proposal()).createdId();
        assertThat(id).isNotBlank();
        assertThat(app.app().storedEvents()).isEqualTo(1);
    }

    @Test
    void noReadModelIsServed() {
        anonymous.get("/public/proposals").status(404);
        assertThat(app.context().getBeanNamesForType(com.mongodb.client.MongoClient.class)).as("no read-model store").isEmpty();
    }

    @Test
    void itNamesItselfToAxonServerAsTheCommandSide() {
        assertThat(app.context().getEnvironment().getProperty("axon.axonserver.component-name"))
                .isEqualTo("kyodo-command");
    }
}
