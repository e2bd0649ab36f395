package kyodo.query.budget;

import kyodo.kernel.project.BudgetEnvelopeSet;
import kyodo.kernel.project.FundsReleased;
import kyodo.kernel.project.FundsReserved;
import kyodo.query.history.PublicData;
import kyodo.query.history.SubjectState;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A ward budget at a moment, for the public history: its envelope and what is reserved against it. */
final class WardBudgetReplay implements SubjectState {

    private String ward;
    private Integer fiscalYear;
    private Long envelopeYen;
    private final Set<String> reservations = new HashSet<>();
    private long reservedGross;
    private long releasedReservations;
    private long returnedYen;

    @Override
    public void apply(Object p) {
        if (p instanceof BudgetEnvelopeSet e) {
            ward = (String) PublicData.value(e.ward());
            fiscalYear = e.fiscalYear().startYear();
            envelopeYen = e.envelope().amount();
        } else if (p instanceof FundsReserved e) {
            reservations.add(e.allocationId());
            reservedGross = Math.addExact(reservedGross, e.amount().amount());
        } else if (p instanceof FundsReleased e) {
            if (reservations.contains(e.releaseId())) {
                releasedReservations = Math.addExact(releasedReservations, e.amount().amount());
            } else {
                returnedYen = Math.addExact(returnedYen, e.amount().amount());
            }
        }
    }

    @Override
    public Map<String, Object> toMap() {
        long envelope = envelopeYen == null ? 0 : envelopeYen;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ward", ward);
        out.put("fiscalYear", fiscalYear);
        out.put("envelopeYen", envelopeYen);
        out.put("reservedYen", reservedGross - releasedReservations);
        // as the ward-budget read model counts them: every release goes back to the envelope
        out.put("returnedYen", releasedReservations + returnedYen);
        out.put("availableYen", envelope - (reservedGross - releasedReservations - returnedYen));
        return out;
    }
}
