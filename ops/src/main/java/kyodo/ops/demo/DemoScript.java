package kyodo.ops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One demo subject as an API client would create it: the creation (POST to a collection, with an
 * Idempotency-Key) and the commands that follow, in order.
 *
 * @param collection   e.g. {@code /api/meetings}
 * @param key          Idempotency-Key of the creation
 * @param creation     the creation body
 * @param steps        what follows: sub-resource and body
 */
record DemoScript(String collection, String key, Object creation, List<Step> steps) {

    /** One command on the created subject. */
    record Step(String action, Object body) {
    }

    /** The demo proposals. */
    static List<DemoScript> proposals() {
        return DemoProposals.ALL.stream()
                .map(d -> new DemoScript("/api/proposals", d.key(), d.submission(),
                        d.steps().stream().map(s -> new Step(s.action(), s.body())).toList()))
                .toList();
    }

    /** The 2015 southern-district workshop (seed 003): opened, six groups, their opinions, closed, minutes. */
    static DemoScript workshop(ObjectMapper mapper) {
        JsonNode w = read(mapper, "demo/workshop-2015-south.json");
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("opening", w.get("opening")));
        w.get("groups").forEach(g -> steps.add(new Step("groups", g)));
        w.get("opinions").forEach(o -> steps.add(new Step("opinions", o)));
        steps.add(new Step("closing", w.get("closing")));
        steps.add(new Step("minutes", w.get("minutes")));
        return new DemoScript("/api/meetings", w.get("key").asText(), w.get("schedule"), steps);
    }

    /** The 2019 expert panel's four sessions (seed 002), each scheduled with its agenda. */
    static List<DemoScript> expertPanel(ObjectMapper mapper) {
        List<DemoScript> sessions = new ArrayList<>();
        read(mapper, "demo/expert-panel-2019.json").forEach(s -> sessions.add(new DemoScript("/api/meetings",
                s.get("key").asText(), s.get("schedule"), List.of(new Step("agenda", s.get("agenda"))))));
        return sessions;
    }

    private static JsonNode read(ObjectMapper mapper, String resource) {
        try (InputStream in = DemoScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing demo resource " + resource);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
