package kyodo.ops.export;

import kyodo.kernel.meeting.MeetingKind;
import kyodo.kernel.project.ProjectProgramme;
import kyodo.kernel.proposal.ProposalChannel;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.ProposalStatus;
import kyodo.query.meeting.MeetingStatus;
import kyodo.query.project.ProjectStatus;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;

/**
 * What each column of the public tables means, for {@code datapackage.json}. A column is described
 * under {@code table.column} when its meaning is the table's own, otherwise under its name alone. An
 * exported column without a description stops the export (see {@link PublicTables}), so a field
 * added to a public list cannot reach the open data unexplained.
 */
final class PublicFieldGlossary {

    /** What a column means and, where it helps, its unit. */
    record Entry(String unit, String description) {
    }

    private static final String CODE = "code";
    private static final String YEN = "yen";

    private static final Map<String, Entry> ENTRIES = Map.ofEntries(
            Map.entry("version", new Entry(null, "the subject's version: how many changes it went through, from 0")),
            Map.entry("ward", new Entry("ward code", "the ward (区) it belongs to; empty for a city-wide subject")),
            Map.entry("wardNameJa", new Entry(null, "the ward's name in Japanese")),
            Map.entry("wardNameEn", new Entry(null, "the ward's name in English")),
            Map.entry("district", new Entry("district code", "the district (地区) it belongs to, or empty")),
            Map.entry("districtNameJa", new Entry(null, "the district's name in Japanese")),
            Map.entry("districtNameEn", new Entry(null, "the district's name in English")),
            Map.entry("fiscalYear", new Entry("fiscal year (starting year; 2025 = 2025-04-01..2026-03-31)",
                    "the fiscal year (年度) it falls in, Asia/Tokyo")),
            Map.entry("fiscalYearLabel", new Entry(null, "the fiscal year as written in Japanese (e.g. 令和7年度)")),
            Map.entry("title", new Entry(null, "its title, as published")),
            Map.entry("themes", new Entry("JSON array", "the theme labels given, e.g. [\"交通\",\"防災\"]")),
            Map.entry("proposals.id", new Entry(null, "the proposal's id (see /public/proposals/{id})")),
            Map.entry("proposals.programme", new Entry(CODE, "the proposal programme it was submitted under: "
                    + codes(ProposalProgramme.class))),
            Map.entry("proposals.channel", new Entry(CODE, "how it reached the ward office: "
                    + codes(ProposalChannel.class))),
            Map.entry("proposals.status", new Entry(CODE, "where the proposal stands: "
                    + codes(ProposalStatus.class))),
            Map.entry("proposals.submittedAt", new Entry("ISO-8601 UTC", "when it was received")),
            Map.entry("proposals.department", new Entry(null, "the department that took it up, once acknowledged")),
            Map.entry("proposals.dueOn", new Entry("ISO-8601 date", "the day an answer is due, once acknowledged")),
            Map.entry("proposals.overdue", new Entry(null, "true while the answer is past due and has not come")),
            Map.entry("proposals.decidedAt", new Entry("ISO-8601 UTC", "when it was answered, or empty")),
            Map.entry("proposals.outcome", new Entry(CODE, "the answer (ACCEPTED or REJECTED), or empty")),
            Map.entry("proposals.supports", new Entry("count", "how many verified residents support it now "
                    + "(never who)")),
            Map.entry("proposals.daysToAnswer", new Entry("days", "whole days (Asia/Tokyo) from submission to the "
                    + "answer, or empty")),
            Map.entry("meetings.id", new Entry(null, "the meeting's id (see /public/meetings/{id})")),
            Map.entry("meetings.kind", new Entry(CODE, "the kind of meeting: " + codes(MeetingKind.class))),
            Map.entry("meetings.startsAt", new Entry("ISO-8601 UTC", "when it starts")),
            Map.entry("meetings.endsAt", new Entry("ISO-8601 UTC", "when it ends")),
            Map.entry("meetings.venue", new Entry(null, "where it is held")),
            Map.entry("meetings.capacity", new Entry("people", "how many may register, or empty for no limit")),
            Map.entry("meetings.publicObservation", new Entry(null, "whether the public may observe it")),
            Map.entry("meetings.term", new Entry(null, "the term (期) of the assembly, or empty")),
            Map.entry("meetings.session", new Entry(null, "the session number within the term, or empty")),
            Map.entry("meetings.status", new Entry(CODE, "where the meeting stands: " + codes(MeetingStatus.class))),
            Map.entry("meetings.registrations", new Entry("people", "how many registered (never who)")),
            Map.entry("projects.id", new Entry(null, "the project's id (see /public/projects/{id})")),
            Map.entry("projects.theme", new Entry(null, "the project's theme")),
            Map.entry("projects.programme", new Entry(CODE, "the programme it runs under: "
                    + codes(ProjectProgramme.class))),
            Map.entry("projects.leadDepartment", new Entry(null, "the city department that leads it")),
            Map.entry("projects.status", new Entry(CODE, "where the project stands: " + codes(ProjectStatus.class))),
            Map.entry("projects.launchedAt", new Entry("ISO-8601 UTC", "when it was launched")),
            Map.entry("projects.allocatedYen", new Entry(YEN, "money allocated to it from ward budgets")),
            Map.entry("projects.spentYen", new Entry(YEN, "money it spent")),
            Map.entry("projects.remainingYen", new Entry(YEN, "allocatedYen − spentYen")),
            Map.entry("ward-budgets.budgetId", new Entry(null, "the budget's id: ward and fiscal year (see "
                    + "/public/ward-budgets/{ward}/{fiscalYear})")),
            Map.entry("ward-budgets.envelopeYen", new Entry(YEN, "the envelope as last set")),
            Map.entry("ward-budgets.reservedYen", new Entry(YEN, "set aside for allocations, less reservations "
                    + "released before they became allocations")),
            Map.entry("ward-budgets.allocatedYen", new Entry(YEN, "confirmed allocations to projects")),
            Map.entry("ward-budgets.returnedYen", new Entry(YEN, "every release: reservations let go and unspent "
                    + "money returned")),
            Map.entry("ward-budgets.spentYen", new Entry(YEN, "what the funded projects spent")),
            Map.entry("ward-budgets.availableYen", new Entry(YEN, "what can still be promised: the envelope less "
                    + "what was set aside and not returned")),
            Map.entry("ward-budgets.utilisation", new Entry("ratio", "spentYen / envelopeYen, four decimal places")),
            Map.entry("ward-budgets.projectCount", new Entry("projects", "how many projects it funds")));

    private PublicFieldGlossary() {
    }

    /** The codes a column holds, from the enum that defines them, so that the list cannot drift. */
    private static String codes(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** The column's entry in that table, if there is one. */
    static Optional<Entry> of(String table, String column) {
        return Optional.ofNullable(ENTRIES.getOrDefault(table + "." + column, ENTRIES.get(column)));
    }
}
