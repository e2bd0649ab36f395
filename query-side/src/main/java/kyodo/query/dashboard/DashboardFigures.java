package kyodo.query.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The public key figures of the platform: counts and sums only, never a person, a text or a staff
 * identity. "This fiscal year" is the fiscal year containing today in Asia/Tokyo.
 *
 * @param fiscalYear      the current fiscal year (starting year)
 * @param fiscalYearLabel its Japanese label, e.g. 令和7年度
 * @param ward            the ward code when the figures are one ward's (left out for the whole city)
 */
public record DashboardFigures(int fiscalYear, String fiscalYearLabel,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String ward, Proposals proposals,
                               Projects projects,
                               WardBudgets wardBudgets, Meetings meetings, Decisions decisions) {

    /** Proposals submitted this fiscal year, and since the start. */
    public record Proposals(ProposalFigures thisFiscalYear, ProposalFigures allTime) {
    }

    /**
     * @param received           proposals submitted
     * @param answered           accepted or rejected
     * @param open               neither answered nor withdrawn
     * @param overdue            open past their response deadline
     * @param medianDaysToAnswer median calendar days from submission to answer, null when none was answered
     * @param supports           supports verified residents gave these proposals (never who)
     */
    public record ProposalFigures(long received, long answered, long open, long overdue,
                                  BigDecimal medianDaysToAnswer, long supports) {
    }

    /**
     * @param active                       projects launched or approved, not completed or terminated
     * @param activeByProgramme            the same by programme (every programme listed)
     * @param thisFiscalYearByProgramme    projects of the current fiscal year by programme
     * @param byFiscalYear                 projects of every fiscal year by programme (programmes with
     *                                     projects that year), years in order: the history at a glance
     */
    public record Projects(long active, Map<String, Long> activeByProgramme,
                           Map<String, Long> thisFiscalYearByProgramme,
                           Map<Integer, Map<String, Long>> byFiscalYear) {
    }

    /**
     * The seven wards' budgets (or the one ward's) for the current fiscal year together, in whole yen.
     *
     * @param utilisation         spent ÷ envelope, four decimals; null without an envelope
     * @param envelopeByFiscalYear the seven wards' envelopes added up, for every fiscal year with one
     */
    public record WardBudgets(long envelopeYen, long allocatedYen, long spentYen, BigDecimal utilisation,
                              Map<Integer, Long> envelopeByFiscalYear) {
    }

    /** Meetings held this fiscal year, and since the start. */
    public record Meetings(MeetingFigures thisFiscalYear, MeetingFigures allTime) {
    }

    /**
     * @param held         meetings that opened
     * @param participants their attendance added up
     */
    public record MeetingFigures(long held, long participants) {
    }

    /**
     * @param total     decisions in the public decision log
     * @param byOutcome the same by outcome (outcomes that occurred, in name order)
     */
    public record Decisions(long total, Map<String, Long> byOutcome) {
    }
}
