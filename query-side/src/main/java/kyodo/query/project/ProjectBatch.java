package kyodo.query.project;

import kyodo.query.platform.WriteBatch;
import kyodo.query.platform.store.ReadCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@link ProjectProjection}'s batch: writes waiting for one bulkWrite, and the partners and
 * targets of the projects they touch as they stand after them (read from the collection the first
 * time a project needs them, then kept up to date).
 */
final class ProjectBatch extends WriteBatch {

    private final Remembered<State> states = remembered(ProjectBatch::stateOf, "partners", "targets");

    ProjectBatch(ReadCollection projects) {
        super(projects);
    }

    /** A project launched in this batch: nothing to read, it starts without partners or targets. */
    void launched(String projectId) {
        states.put(projectId, new State(new LinkedHashMap<>(), new ArrayList<>()));
    }

    State state(String projectId) {
        return states.get(projectId);
    }

    private static State stateOf(Document doc) {
        Map<String, String> partners = new LinkedHashMap<>();
        doc.getList("partners", Document.class, List.of())
                .forEach(p -> partners.put(p.getString("partnerId"), p.getString("name")));
        List<Target> targets = new ArrayList<>(doc.getList("targets", Document.class, List.of()).stream()
                .map(Target::of).toList());
        return new State(partners, targets);
    }

    /** A target with its values per fiscal year (start year), in year order. */
    record Target(String name, String unit, long baseline, TreeMap<Integer, Long> targets,
                  TreeMap<Integer, Long> actuals) {

        Document toDocument() {
            return new Document("name", name).append("unit", unit).append("baseline", baseline)
                    .append("targets", byYear(targets)).append("actuals", byYear(actuals));
        }

        static Target of(Document doc) {
            return new Target(doc.getString("name"), doc.getString("unit"),
                    ((Number) doc.get("baseline")).longValue(), years(doc.get("targets", Document.class)),
                    years(doc.get("actuals", Document.class)));
        }

        private static Document byYear(Map<Integer, Long> values) {
            Document doc = new Document();
            values.forEach((year, value) -> doc.append(Integer.toString(year), value));
            return doc;
        }

        private static TreeMap<Integer, Long> years(Document doc) {
            TreeMap<Integer, Long> values = new TreeMap<>();
            if (doc != null) {
                doc.forEach((year, value) -> values.put(Integer.valueOf(year), ((Number) value).longValue()));
            }
            return values;
        }
    }

    /**
     * What later events of a project need from earlier ones: its partners' names (to name the
     * parties of an agreement) and its targets (a target is set, reset and given actuals by name).
     */
    record State(Map<String, String> partners, List<Target> targets) {

        Target target(String name) {
            return targets.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
        }

        /** Replaces the target of that name where it stands, or adds it at the end. */
        void put(Target target) {
            for (int i = 0; i < targets.size(); i++) {
                if (targets.get(i).name().equals(target.name())) {
                    targets.set(i, target);
                    return;
                }
            }
            targets.add(target);
        }

        List<Document> targetDocuments() {
            return targets.stream().map(Target::toDocument).toList();
        }
    }
}
