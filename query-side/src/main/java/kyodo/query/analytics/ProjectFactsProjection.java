package kyodo.query.analytics;

import kyodo.kernel.project.ActualRecorded;
import kyodo.kernel.project.AgreementSigned;
import kyodo.kernel.project.BudgetAllocated;
import kyodo.kernel.project.ExpenditureRecorded;
import kyodo.kernel.project.PartnerAdded;
import kyodo.kernel.project.PartnerType;
import kyodo.kernel.project.ProjectApproved;
import kyodo.kernel.project.ProjectCompleted;
import kyodo.kernel.project.ProjectLaunched;
import kyodo.kernel.project.ProjectTerminated;
import kyodo.kernel.project.TargetSet;
import kyodo.query.platform.store.ReadStore;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The facts behind {@code projects/counts}: one document per project in
 * {@code analytics_project_facts} with its fiscal year, programme, ward, theme and status, its
 * partners counted by type, agreements, money allocated and spent (whole yen), and its targets
 * with their values and actuals per fiscal year, from which the target counts are derived. No
 * partner names, titles or texts: counts only.
 * <p>
 * Replay-safe: the launch creates the document once; every later event applies only if its
 * aggregate sequence number is above the document's {@code version}.
 * <p>
 * Its cells, kept in the same batch and in one segment as every {@link FactProjection}'s: {@code analytics_project_cells}.
 */
@Component
@ProcessingGroup(ProjectFactsProjection.GROUP)
class ProjectFactsProjection extends FactProjection {

    static final String GROUP = "analytics-project-facts";

    ProjectFactsProjection(ReadStore store) {
        super(store, AnalyticsCatalogue.PROJECTS, List.of("fiscalYear", "programme", "ward", "theme"));
    }

    @EventHandler
    void on(ProjectLaunched event, @SequenceNumber long sequence) {
        Document partners = new Document();
        Arrays.stream(PartnerType.values()).forEach(type -> partners.append(type.name(), 0));
        create(new Document("_id", event.projectId())
                .append("version", sequence)
                .append("fiscalYear", event.fiscalYear().startYear())
                .append("programme", event.programme().name())
                .append("ward", event.ward() == null ? null : event.ward().code())
                .append("theme", event.theme())
                .append("status", "LAUNCHED")
                .append("approved", false)
                .append("partners", partners)
                .append("agreements", 0)
                .append("allocatedYen", 0L)
                .append("spentYen", 0L)
                .append("targets", List.of())
                .append("targetCount", 0)
                .append("targetValues", 0)
                .append("actualsRecorded", 0)
                .append("targetsMet", 0));
    }

    @EventHandler
    void on(PartnerAdded event, @SequenceNumber long sequence) {
        change(event.projectId(), sequence, fact -> {
            Document partners = fact.get("partners", Document.class);
            partners.put(event.type().name(), partners.getInteger(event.type().name(), 0) + 1);
        });
    }

    @EventHandler
    void on(AgreementSigned event, @SequenceNumber long sequence) {
        change(event.projectId(), sequence, fact -> fact.put("agreements", fact.getInteger("agreements") + 1));
    }

    @EventHandler
    void on(ProjectApproved event, @SequenceNumber long sequence) {
        change(event.projectId(), sequence, fact -> fact.append("status", "APPROVED").append("approved", true));
    }

    @EventHandler
    void on(BudgetAllocated event, @SequenceNumber long sequence) {
        change(event.projectId(), sequence, fact -> fact.put("allocatedYen",
                Math.addExact(fact.getLong("allocatedYen"), event.amount().amount())));
    }

    @EventHandler
    void on(ExpenditureRecorded event, @SequenceNumber long sequence) {
        change(event.projectId(), sequence, fact -> fact.put("spentYen",
                Math.addExact(fact.getLong("spentYen"), event.amount().amount())));
    }

    @EventHandler
    void on(TargetSet event, @SequenceNumber long sequence) {
        change(event.projectId(), sequence, fact -> {
            List<Document> targets = new ArrayList<>(fact.getList("targets", Document.class));
            Document before = targets.stream().filter(t -> event.name().equals(t.getString("name"))).findFirst()
                    .orElse(null);
            Document values = new Document();
            new TreeMap<>(event.targets() == null ? Map.<Integer, Long>of() : event.targets())
                    .forEach((year, value) -> values.append(Integer.toString(year), value));
            Document target = new Document("name", event.name()).append("baseline", event.baseline())
                    .append("targets", values)
                    .append("actuals", before == null ? new Document() : before.get("actuals", Document.class));
            if (before == null) {
                targets.add(target);
            } else {
                targets.set(targets.indexOf(before), target);
            }
            fact.put("targets", targets);
            TargetCounts.of(targets).into(fact);
        });
    }

    @EventHandler
    void on(ActualRecorded event, @SequenceNumber long sequence) {
        change(event.projectId(), sequence, fact -> {
            List<Document> targets = fact.getList("targets", Document.class);
            targets.stream().filter(t -> event.target().equals(t.getString("name"))).findFirst().ifPresent(t -> {
                Document actuals = new Document(new TreeMap<>(t.get("actuals", Document.class)));
                actuals.put(Integer.toString(event.fiscalYear()), event.value());
                t.put("actuals", new Document(new TreeMap<>(actuals)));
            });
            TargetCounts.of(targets).into(fact);
        });
    }

    @EventHandler
    void on(ProjectCompleted event, @SequenceNumber long sequence) {
        change(event.projectId(), sequence, fact -> fact.put("status", "COMPLETED"));
    }

    @EventHandler
    void on(ProjectTerminated event, @SequenceNumber long sequence) {
        change(event.projectId(), sequence, fact -> fact.put("status", "TERMINATED"));
    }

    /**
     * Targets against actuals, as counts (targets have different units, so their values are never
     * added up): how many targets, how many (target, fiscal year) values were aimed at, how many of
     * those have an actual, and how many actuals met their value. A target is met when the actual
     * reaches the value in the direction the target moves from its baseline (at or above it for a
     * rise or a hold, at or below it for a reduction).
     */
    record TargetCounts(int targets, int values, int actuals, int met) {

        static TargetCounts of(List<Document> targets) {
            int values = 0;
            int actuals = 0;
            int met = 0;
            for (Document target : targets) {
                long baseline = ((Number) target.get("baseline")).longValue();
                Document aimed = target.get("targets", Document.class);
                Document reached = target.get("actuals", Document.class);
                for (Map.Entry<String, Object> value : aimed.entrySet()) {
                    values++;
                    Object actual = reached.get(value.getKey());
                    if (actual != null) {
                        actuals++;
                        long goal = ((Number) value.getValue()).longValue();
                        long got = ((Number) actual).longValue();
                        if (goal >= baseline ? got >= goal : got <= goal) {
                            met++;
                        }
                    }
                }
            }
            return new TargetCounts(targets.size(), values, actuals, met);
        }

        void into(Document fact) {
            fact.append("targetCount", targets).append("targetValues", values).append("actualsRecorded", actuals)
                    .append("targetsMet", met);
        }
    }
}
