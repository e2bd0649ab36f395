package kyodo.ops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One demo subject as an API client would create it: the creation (POST to a collection, with an
 * Idempotency-Key) and the commands that follow, in order, each with the role that may issue it.
 *
 * @param collection   e.g. {@code /api/meetings}
 * @param key          Idempotency-Key of the creation
 * @param creator      who creates it
 * @param creation     the creation body
 * @param steps        what follows: sub-resource, actor and body
 */
record DemoScript(String collection, String key, Actor creator, Object creation, List<Step> steps) {

    /** The role and ward scope a command is issued in ({@link DemoClient#as}). */
    record Actor(String role, String ward) {

        static Actor staff(String ward) {
            return new Actor("STAFF", ward);
        }

        /** The ward head of a ward project; an ADMIN for a city-wide one. */
        static Actor wardHead(String ward) {
            return ward == null ? new Actor("ADMIN", null) : new Actor("WARD_HEAD", ward);
        }
    }

    /** One command on the created subject. */
    record Step(String action, Actor actor, Object body) {
    }

    /**
     * The body of an agreement whose parties are named by the partners' names, which the loader turns
     * into the partner ids the project gave them.
     */
    record AgreementOfPartners(String title, List<String> partnerNames, String signedOn) {
    }

    /** The demo proposals. */
    static List<DemoScript> proposals() {
        return DemoProposals.ALL.stream().map(d -> {
            Actor staff = Actor.staff((String) d.submission().get("ward"));
            return new DemoScript("/api/proposals", d.key(), staff, d.submission(),
                    d.steps().stream().map(s -> new Step(s.action(), staff, s.body())).toList());
        }).toList();
    }

    /** The 2015 southern-district workshop (seed 003): opened, six groups, their opinions, closed, minutes. */
    static DemoScript workshop(ObjectMapper mapper) {
        JsonNode w = read(mapper, "demo/workshop-2015-south.json");
        Actor staff = meetingStaff(w.get("schedule"));
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("opening", staff, w.get("opening")));
        w.get("groups").forEach(g -> steps.add(new Step("groups", staff, g)));
        w.get("opinions").forEach(o -> steps.add(new Step("opinions", staff, o)));
        steps.add(new Step("closing", staff, w.get("closing")));
        steps.add(new Step("minutes", staff, w.get("minutes")));
        return new DemoScript("/api/meetings", w.get("key").asText(), staff, w.get("schedule"), steps);
    }

    /** The 2019 expert panel's four sessions (seed 002), each scheduled with its agenda. */
    static List<DemoScript> expertPanel(ObjectMapper mapper) {
        List<DemoScript> sessions = new ArrayList<>();
        read(mapper, "demo/expert-panel-2019.json").forEach(s -> {
            Actor staff = meetingStaff(s.get("schedule"));
            sessions.add(new DemoScript("/api/meetings", s.get("key").asText(), staff, s.get("schedule"),
                    List.of(new Step("agenda", staff, s.get("agenda")))));
        });
        return sessions;
    }

    /** Staff of the meeting's ward; city-wide staff for a district or city meeting. */
    private static Actor meetingStaff(JsonNode schedule) {
        JsonNode ward = schedule.get("ward");
        return Actor.staff(ward == null || ward.isNull() ? null : ward.asText());
    }

    static JsonNode read(ObjectMapper mapper, String resource) {
        try (InputStream in = DemoScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing demo resource " + resource);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A body as a map that keeps its keys in the order given (readable requests, stable keys). */
    static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }
}
