package kyodo.ops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.kernel.FiscalYear;
import kyodo.ops.demo.DemoScript.Actor;
import kyodo.ops.demo.DemoScript.AgreementOfPartners;
import kyodo.ops.demo.DemoScript.Step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static kyodo.ops.demo.DemoScript.body;

/**
 * The seed dataset ({@code demo/seed-dataset.json}) turned into what the loader sends: the wards'
 * budget envelopes, the named example projects with their partners, agreements, approvals,
 * allocations and targets, and the generated projects that make the seeds' project counts come out
 * exactly. A count's generated projects are its total minus the named projects in the same
 * programme, fiscal year (and ward, when the count is by ward), so adding a named example never
 * changes a total. Everything generated is deterministic, Idempotency-Keys included, so a second
 * load finds it all there.
 */
final class SeedDataset {

    static final String RESOURCE = "demo/seed-dataset.json";
    private static final String PROJECTS = "/api/projects";

    private final JsonNode data;

    private SeedDataset(JsonNode data) {
        this.data = data;
    }

    static SeedDataset read(ObjectMapper mapper) {
        return new SeedDataset(DemoScript.read(mapper, RESOURCE));
    }

    /** A ward's budget envelope for one fiscal year. */
    record Envelope(String ward, int fiscalYear, long envelopeYen, String reason) {

        String budgetId() {
            return ward + "-" + fiscalYear;
        }
    }

    /**
     * One envelope per ward and fiscal year of every envelope period, and per ward for the current fiscal
     * year (the load's), unless a period covers it.
     */
    List<Envelope> envelopes(FiscalYear current) {
        List<Envelope> envelopes = new ArrayList<>();
        for (JsonNode period : data.get("wardBudgetEnvelopes")) {
            for (int year = period.get("fromFiscalYear").asInt(); year <= period.get("toFiscalYear").asInt(); year++) {
                perWard(envelopes, year, period);
            }
        }
        if (envelopes.stream().noneMatch(e -> e.fiscalYear() == current.startYear())) {
            perWard(envelopes, current.startYear(), data.get("currentFiscalYearEnvelope"));
        }
        return envelopes;
    }

    private void perWard(List<Envelope> envelopes, int year, JsonNode period) {
        for (String ward : wards()) {
            envelopes.add(new Envelope(ward, year, period.get("envelopeYen").asLong(), period.get("reason").asText()));
        }
    }

    /** The ward codes, in the city's order. */
    List<String> wards() {
        List<String> wards = new ArrayList<>();
        data.get("wards").get("items").forEach(w -> wards.add(w.get("code").asText()));
        return wards;
    }

    /** The named example projects, each with its following steps. */
    List<DemoScript> namedProjects() {
        List<DemoScript> scripts = new ArrayList<>();
        for (JsonNode p : data.get("namedProjects")) {
            String ward = text(p, "ward");
            Actor staff = Actor.staff(ward);
            List<Step> steps = new ArrayList<>();
            List<String> partnerNames = new ArrayList<>();
            for (JsonNode partner : iterable(p.get("partners"))) {
                partnerNames.add(partner.get("name").asText());
                steps.add(new Step("partners", staff, body("name", partner.get("name").asText(),
                        "type", partner.get("type").asText(), "role", partner.get("role").asText())));
            }
            JsonNode members = p.get("councilMembers");
            if (members != null) {
                for (int i = 1; i <= members.get("count").asInt(); i++) {
                    String name = String.format("%s %02d", members.get("namePrefix").asText(), i);
                    partnerNames.add(name);
                    steps.add(new Step("partners", staff, body("name", name, "type", members.get("type").asText(),
                            "role", members.get("role").asText())));
                }
            }
            JsonNode agreement = p.get("agreement");
            if (agreement != null) {
                List<String> parties = agreement.path("allCouncilMembers").asBoolean(false) ? partnerNames
                        : strings(agreement.get("parties"));
                steps.add(new Step("agreements", staff, new AgreementOfPartners(agreement.get("title").asText(),
                        List.copyOf(parties), agreement.get("signedOn").asText())));
            }
            if (p.hasNonNull("approval")) {
                steps.add(new Step("approval", Actor.wardHead(ward), body("reason", p.get("approval").asText())));
            }
            if (p.hasNonNull("allocationYen")) {
                steps.add(new Step("budget-allocations", Actor.wardHead(ward), body(
                        "amountYen", p.get("allocationYen").asLong(), "reason", p.get("approval").asText())));
            }
            JsonNode target = p.get("target");
            if (target != null) {
                Map<String, Long> byYear = new LinkedHashMap<>();
                target.get("targets").fields().forEachRemaining(e -> byYear.put(e.getKey(), e.getValue().asLong()));
                steps.add(new Step("targets", staff, body("name", target.get("name").asText(),
                        "unit", target.get("unit").asText(), "baseline", target.get("baseline").asLong(),
                        "targets", byYear)));
            }
            if (p.hasNonNull("progressReport")) {
                steps.add(new Step("progress-reports", staff, body("text", p.get("progressReport").asText())));
            }
            scripts.add(new DemoScript(PROJECTS, p.get("key").asText(), staff, launch(ward,
                    p.get("fiscalYear").asInt(), p.get("title").asText(), p.get("theme").asText(),
                    p.get("programme").asText(), p.get("leadDepartment").asText()), steps));
        }
        return scripts;
    }

    /** The generated projects that complete each count of the seeds. */
    List<DemoScript> bulkProjects() {
        JsonNode bulk = data.get("bulk");
        List<String> themes = strings(bulk.get("themes"));
        List<String> collaborativeWards = new ArrayList<>();
        bulk.get("collaborativeWards").forEach(w -> collaborativeWards.add(w.isNull() ? null : w.asText()));
        Map<String, String> wardNames = new LinkedHashMap<>();
        data.get("wards").get("items").forEach(w -> wardNames.put(w.get("code").asText(), w.get("nameJa").asText()));
        List<DemoScript> scripts = new ArrayList<>();
        for (JsonNode count : data.get("projectCounts")) {
            String programme = count.get("programme").asText();
            int year = count.get("fiscalYear").asInt();
            JsonNode byWard = count.get("byWard");
            if (byWard == null) {
                int missing = remainder(count.get("total").asInt(), programme, year, null, false);
                for (int i = 1; i <= missing; i++) {
                    String ward = collaborativeWards.get((i - 1) % collaborativeWards.size());
                    scripts.add(generated(String.format("seed-%s-%d-%03d", slug(programme), year, i), ward, year,
                            String.format("協働型事業 FY%d #%03d (illustrative)", year, i),
                            themes.get((i - 1 + year) % themes.size()), programme,
                            bulk.get("collaborativeLeadDepartment").asText()));
                }
            } else {
                int sum = 0;
                for (String ward : wards()) {
                    sum += byWard.get(ward).asInt();
                    int missing = remainder(byWard.get(ward).asInt(), programme, year, ward, true);
                    for (int i = 1; i <= missing; i++) {
                        scripts.add(generated(String.format("seed-%s-%d-%s-%03d", slug(programme), year, ward, i),
                                ward, year, String.format("地域課題対応事業 %s FY%d #%03d (illustrative)",
                                        wardNames.get(ward), year, i),
                                themes.get((i - 1 + ward.length()) % themes.size()), programme,
                                wardNames.get(ward) + "役所 " + bulk.get("wardLeadDepartment").asText()));
                    }
                }
                if (sum != count.get("total").asInt()) {
                    throw new IllegalStateException(RESOURCE + ": the wards of " + programme + " FY" + year
                            + " add up to " + sum + ", not " + count.get("total").asInt());
                }
            }
        }
        return scripts;
    }

    /** The total less the named projects in that programme, year (and ward when byWard). */
    private int remainder(int total, String programme, int year, String ward, boolean byWard) {
        int named = 0;
        for (JsonNode p : data.get("namedProjects")) {
            if (programme.equals(p.get("programme").asText()) && year == p.get("fiscalYear").asInt()
                    && (!byWard || ward.equals(text(p, "ward")))) {
                named++;
            }
        }
        if (named > total) {
            throw new IllegalStateException(RESOURCE + ": " + named + " named projects exceed the count of "
                    + total + " for " + programme + " FY" + year + (byWard ? " in " + ward : ""));
        }
        return total - named;
    }

    private static DemoScript generated(String key, String ward, int year, String title, String theme,
                                        String programme, String leadDepartment) {
        return new DemoScript(PROJECTS, key, Actor.staff(ward), launch(ward, year, title, theme, programme,
                leadDepartment), List.of());
    }

    private static Map<String, Object> launch(String ward, int year, String title, String theme, String programme,
                                              String leadDepartment) {
        Map<String, Object> launch = body("fiscalYear", year, "title", title, "theme", theme,
                "programme", programme, "leadDepartment", leadDepartment);
        if (ward != null) {
            launch.put("ward", ward);
        }
        return launch;
    }

    private static String slug(String programme) {
        return programme.toLowerCase().replace('_', '-');
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        return array == null ? List.of() : array;
    }
}
