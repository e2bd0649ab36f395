package kyodo.ops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import kyodo.ops.demo.DemoScript.Actor;
import kyodo.ops.demo.DemoScript.AgreementOfPartners;
import kyodo.ops.demo.DemoScript.Step;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends one subject of the demo through the command API ({@link SeedLoader} orders the subjects): a
 * ward budget's envelope, or a script's creation and its steps, each step conditional on the version it
 * expects, so that a step a former load took answers 412 and is counted as already there.
 */
final class ScriptSender {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String ALLOCATIONS = "budget-allocations";
    private static final String PROPOSALS = "/api/proposals";

    private final DemoClient client;
    private final AtomicInteger applied = new AtomicInteger();
    private final AtomicInteger alreadyThere = new AtomicInteger();

    ScriptSender(DemoClient client) {
        this.client = client;
    }

    /** Steps this sender applied, or the caller counted as applied. */
    AtomicInteger applied() {
        return applied;
    }

    /** Steps a former load had already taken. */
    AtomicInteger alreadyThere() {
        return alreadyThere;
    }

    void envelope(SeedDataset.Envelope envelope) {
        if (client.history("ward-budget", envelope.budgetId()).isPresent()) {
            alreadyThere.incrementAndGet();
            return;
        }
        try {
            client.as("ADMIN", null).put().uri("/api/ward-budgets/{ward}/{year}", envelope.ward(),
                            envelope.fiscalYear())
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("envelopeYen", envelope.envelopeYen(), "reason", envelope.reason()))
                    .retrieve().toBodilessEntity().block(TIMEOUT);
            applied.incrementAndGet();
        } catch (WebClientResponseException e) {
            throw DemoLoadException.refused("PUT /api/ward-budgets/" + envelope.ward() + "/"
                    + envelope.fiscalYear(), e);
        }
    }

    void run(DemoScript script) {
        if (PROPOSALS.equals(script.collection())
                && client.history("proposal", BackdatedProposals.id(script.key(), "proposal")).isPresent()) {
            // the server loaded it itself, with its dates (BackdatedProposals): it is there
            alreadyThere.addAndGet(script.steps().size() + 1);
            return;
        }
        String id;
        try {
            Map<?, ?> created = as(script.creator()).post().uri(script.collection())
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", script.key()).bodyValue(script.creation())
                    .retrieve().bodyToMono(Map.class).block(TIMEOUT);
            id = (String) created.get("id");
        } catch (WebClientResponseException e) {
            throw DemoLoadException.refused("POST " + script.collection() + " (Idempotency-Key " + script.key()
                    + ")", e);
        }
        Map<String, String> partners = new HashMap<>();
        long version = 0;
        for (Step step : script.steps()) {
            Object body = step.body() instanceof AgreementOfPartners agreement
                    ? agreement(script, id, version, agreement, partners) : step.body();
            String path = script.collection() + "/" + id + "/" + step.action();
            if (ALLOCATIONS.equals(step.action()) && projectVersion(id) > version) {
                // A stale allocation would reserve and release money on the ward budget before its
                // 412: check first, from the event store, that the project has not moved past it.
                alreadyThere.incrementAndGet();
                version++;
                continue;
            }
            try {
                Map<?, ?> answer = as(step.actor()).post().uri(path).contentType(MediaType.APPLICATION_JSON)
                        .header("If-Match", "\"" + version + "\"").bodyValue(body)
                        .retrieve().bodyToMono(Map.class).block(TIMEOUT);
                if (answer != null && answer.get("partnerId") != null && body instanceof Map<?, ?> partner) {
                    partners.put((String) partner.get("name"), (String) answer.get("partnerId"));
                }
                applied.incrementAndGet();
            } catch (WebClientResponseException e) {
                if (e.getStatusCode() != HttpStatus.PRECONDITION_FAILED) {
                    throw DemoLoadException.refused("POST " + script.collection() + "/{id}/" + step.action() + " of "
                            + script.key(), e);
                }
                alreadyThere.incrementAndGet();
            }
            version++;
        }
    }

    /**
     * The agreement's body with the partners' ids; partners added by an earlier load are looked up on
     * the project as staff see it, once the read model has reached the version they were added in.
     */
    private Map<String, Object> agreement(DemoScript script, String id, long version,
                                          AgreementOfPartners agreement, Map<String, String> partners) {
        if (!partners.keySet().containsAll(agreement.partnerNames())) {
            JsonNode project = readProject(script, id, version);
            project.path("partners").forEach(p -> partners.putIfAbsent(p.get("name").asText(),
                    p.get("partnerId").asText()));
        }
        List<String> partyIds = new ArrayList<>();
        for (String name : agreement.partnerNames()) {
            String partnerId = partners.get(name);
            if (partnerId == null) {
                throw new DemoLoadException(script.key() + ": the agreement names " + name
                        + ", who is not a partner of the project");
            }
            partyIds.add(partnerId);
        }
        return DemoScript.body("title", agreement.title(), "partyIds", partyIds, "signedOn", agreement.signedOn());
    }

    private JsonNode readProject(DemoScript script, String id, long minVersion) {
        for (int attempt = 1; ; attempt++) {
            try {
                return as(script.creator()).get().uri("/api/projects/{id}?minVersion={v}", id, minVersion)
                        .retrieve().bodyToMono(JsonNode.class).block(TIMEOUT);
            } catch (WebClientResponseException e) {
                if (e.getStatusCode() != HttpStatus.SERVICE_UNAVAILABLE || attempt == 5) {
                    throw DemoLoadException.refused("GET /api/projects/{id} of " + script.key(), e);
                }
            }
        }
    }

    /** The project's version, from its history in the event store (never behind, unlike a read model). */
    private long projectVersion(String id) {
        long version = -1;
        for (JsonNode event : client.history("project", id).orElseThrow().path("events")) {
            version = Math.max(version, event.get("seq").asLong());
        }
        return version;
    }

    private WebClient as(Actor actor) {
        return client.as(actor.role(), actor.ward());
    }
}
