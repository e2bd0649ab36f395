package kyodo.query.project;

import kyodo.kernel.project.ActualRecorded;
import kyodo.kernel.project.AgreementSigned;
import kyodo.kernel.project.BudgetAllocated;
import kyodo.kernel.project.ExpenditureRecorded;
import kyodo.kernel.project.PartnerAdded;
import kyodo.kernel.project.ProgressReported;
import kyodo.kernel.project.ProjectApproved;
import kyodo.kernel.project.ProjectCompleted;
import kyodo.kernel.project.ProjectLaunched;
import kyodo.kernel.project.ProjectTerminated;
import kyodo.kernel.project.SelfEvaluated;
import kyodo.kernel.project.TargetSet;
import kyodo.query.history.PublicData;
import kyodo.query.history.SubjectState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static kyodo.query.history.PublicData.map;

/** A collaborative project at a moment, for the public history: partners, money, targets. */
final class ProjectReplay implements SubjectState {

    private final Map<String, Object> s = PublicData.unknown("status", "ward", "fiscalYear", "title", "theme",
            "programme", "leadDepartment", "origin", "selfEvaluation", "unspentReturnedYen", "closingReason");
    private final List<Map<String, Object>> partners = new ArrayList<>();
    private final List<Map<String, Object>> agreements = new ArrayList<>();
    private final Map<String, Map<String, Object>> targets = new LinkedHashMap<>();
    private long allocatedYen;
    private long spentYen;
    private int progressReports;

    @Override
    public void apply(Object p) {
        if (p instanceof ProjectLaunched e) {
            s.put("status", "LAUNCHED");
            s.put("ward", PublicData.value(e.ward()));
            s.put("fiscalYear", PublicData.value(e.fiscalYear()));
            s.put("title", e.title());
            s.put("theme", e.theme());
            s.put("programme", PublicData.value(e.programme()));
            s.put("leadDepartment", e.leadDepartment());
            s.put("origin", ProjectHistory.origin(e.origin()));
        } else if (p instanceof ProjectApproved) {
            s.put("status", "APPROVED");
        } else if (p instanceof PartnerAdded e) {
            partners.add(map("name", e.name(), "type", e.type(), "role", e.role()));
        } else if (p instanceof AgreementSigned e) {
            agreements.add(map("agreementId", e.agreementId(), "title", e.title(), "signedOn", e.signedOn()));
        } else if (p instanceof BudgetAllocated e) {
            allocatedYen = Math.addExact(allocatedYen, e.amount().amount());
        } else if (p instanceof ExpenditureRecorded e) {
            spentYen = Math.addExact(spentYen, e.amount().amount());
        } else if (p instanceof TargetSet e) {
            Map<String, Object> target = map("name", e.name(), "unit", e.unit(), "baseline", e.baseline(),
                    "targets", e.targets());
            target.put("actuals", new LinkedHashMap<String, Object>());
            targets.put(e.name(), target);
        } else if (p instanceof ActualRecorded e) {
            Map<String, Object> target = targets.get(e.target());
            if (target != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> actuals = (Map<String, Object>) target.get("actuals");
                actuals.put(Integer.toString(e.fiscalYear()), e.value());
            }
        } else if (p instanceof ProgressReported) {
            progressReports++;
        } else if (p instanceof SelfEvaluated e) {
            s.put("selfEvaluation", map("rating", e.rating(), "text", e.text()));
        } else if (p instanceof ProjectCompleted e) {
            s.put("status", "COMPLETED");
            s.put("closingReason", e.decision().reason());
        } else if (p instanceof ProjectTerminated e) {
            s.put("status", "TERMINATED");
            s.put("closingReason", e.decision().reason());
            s.put("unspentReturnedYen", e.unspent() == null ? null : e.unspent().amount());
        }
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>(s);
        out.putAll(map("partners", partners, "agreements", agreements, "allocatedYen", allocatedYen,
                "spentYen", spentYen, "targets", targets.values(), "progressReports", progressReports));
        return out;
    }
}
