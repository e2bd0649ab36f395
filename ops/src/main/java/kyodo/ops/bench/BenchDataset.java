package kyodo.ops.bench;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.meeting.MeetingKind;
import kyodo.kernel.proposal.ProposalChannel;
import kyodo.kernel.proposal.ProposalProgramme;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What a benchmark load stores, planned before anything is sent: proposals submitted over the past
 * months across the seven wards and their themes, most acknowledged, many answered (accepted or
 * rejected), most with progress updates, a few sent back for a revision, some left past their answer
 * date (the platform's own deadline marks them overdue); meetings with agendas, registrations,
 * groups, opinions, resolutions, minutes and feedback; and projects launched from accepted proposals
 * with partners, approved with an agreement and a target, with allocations from ward budgets whose
 * envelopes cover them, expenditures, actuals, reports, and completion. About nine events per
 * proposal in all, as a city's decade of 10⁵ proposals and 10⁶ events has.
 *
 * <p>The plan is a pure function of its size, seed and "now", so two loads of the same size are the
 * same work. Proposers are synthetic ({@code bench-…@example.invalid}), never anyone's data.
 */
record BenchDataset(List<PlannedProposal> proposals, List<PlannedMeeting> meetings,
                    List<PlannedProject> projects, Map<String, Envelope> envelopes) {

    /** The reads the issue measures search for this word; about one title in twenty has it. */
    static final String SEARCHED_WORD = "駐輪場";

    private static final String[] THEMES = {"交通", "防災", "子育て", "環境", "福祉", "公園・緑地", "地域活動", "教育",
            "商店街", "高齢者"};
    private static final String[][] TITLES = {
            {"バス停に屋根を付けてほしい", "通学路の横断歩道を増やしてほしい", "駅前の駐輪場を増やしてほしい"},
            {"避難所の案内表示を多言語にしてほしい", "防災倉庫の備蓄を見直してほしい", "夜間の防災訓練を開いてほしい"},
            {"子ども食堂への支援を広げてほしい", "公園に授乳室を設けてほしい", "一時保育の枠を増やしてほしい"},
            {"川沿いの清掃活動を支援してほしい", "街路樹の落ち葉を堆肥にしてほしい", "資源回収の日を増やしてほしい"},
            {"地域の見守り活動を支援してほしい", "福祉窓口の受付時間を延ばしてほしい", "移動支援の車両を増やしてほしい"},
            {"公園の遊具を更新してほしい", "緑道にベンチを増やしてほしい", "花壇の手入れを住民に任せてほしい"},
            {"町内会の掲示板を電子化してほしい", "空き店舗を地域の集会所にしてほしい", "地域の祭りを支援してほしい"},
            {"放課後の学習支援を広げてほしい", "図書館の開館時間を延ばしてほしい", "学校の体育館を地域に開放してほしい"},
            {"商店街の駐輪場を整備してほしい", "商店街にキャッシュレス決済の支援を", "空き店舗でチャレンジショップを"},
            {"高齢者の通いの場を増やしてほしい", "坂道に手すりを付けてほしい", "買い物支援のバスを走らせてほしい"},
    };
    private static final String[] BODY = {
            "朝夕の時間帯は特に混雑しており、近所の住民からも同じ声を聞きます。",
            "昨年も同じ要望が町内会で話題になりましたが、まだ改善されていません。",
            "近隣の区では同様の取り組みが始まっていると聞きました。",
            "高齢の方や子ども連れの方が安心して利用できるようにしてほしいです。",
            "費用の一部は地域で負担することも検討しています。",
            "まずは試行として一部の地区で始めてはどうでしょうか。",
    };
    private static final MeetingKind[] MEETING_KINDS = {MeetingKind.WARD_ASSEMBLY, MeetingKind.WORKSHOP,
            MeetingKind.TOWN_HALL, MeetingKind.FORUM};
    private static final long YEN_PER_WARD_YEAR = 55_000_000L;
    /** Workshops, assemblies and forums are frequent: one for every ten proposals. */
    private static final int PROPOSALS_PER_MEETING = 10;

    /**
     * A proposal and the steps staff take on it, with their times (ascending): submitted, acknowledged,
     * a revision requested and made (or still awaited), progress updates, the answer.
     */
    record PlannedProposal(int number, Ward ward, String title, String body, String theme,
                           ProposalProgramme programme, ProposalChannel channel, Instant submittedAt,
                           Instant acknowledgedAt, Instant revisionRequestedAt, Instant revisedAt,
                           List<Instant> progressAt, Instant decidedAt, DecisionOutcome outcome) {

        /** Synthetic proposer: a made-up name and an address in the reserved {@code .invalid} domain. */
        String proposerName() {
            return "ベンチ 利用者" + number;
        }

        String proposerContact() {
            return "bench-" + number + "@example.invalid";
        }
    }

    /**
     * A meeting held in the past: scheduled with an agenda, participants registered (nominated by
     * groups), opened, its discussion groups formed and their opinions recorded, its resolutions voted,
     * closed, its minutes published and feedback sent to each group.
     */
    record PlannedMeeting(int number, Ward ward, MeetingKind kind, String theme, Instant scheduledAt,
                          Instant startsAt, Instant endsAt, int attendance, int agendaItems, int registrations,
                          int groups, List<PlannedOpinion> opinions, int resolutions, Instant minutesAt) {
    }

    /** An opinion of a meeting: in which group (1-based), and the earlier opinion it builds on (0-based), or -1. */
    record PlannedOpinion(int group, int relatedTo) {
    }

    /**
     * A project launched from an accepted proposal with two partners; approved with its agreement and
     * target, given money and spending it, reporting, and, a year on, evaluated and completed — or
     * stopped at any of these steps for now.
     */
    record PlannedProject(int number, int proposalNumber, Ward ward, FiscalYear fiscalYear, String theme,
                          Instant launchedAt, Instant approvedAt, Instant allocatedAt, long allocationYen,
                          List<Long> expenditureYen, List<Instant> reportsAt, Instant completedAt) {
    }

    /** The envelope a ward budget needs for the planned allocations (at least the seeds' 5,500万円). */
    record Envelope(Ward ward, FiscalYear fiscalYear, long yen, Instant setAt) {
    }

    /**
     * Plans a load.
     *
     * @param proposals how many proposals
     * @param months    over how many past months they were submitted
     * @param seed      the random seed (the same seed, size and now give the same plan)
     * @param now       the present: nothing is planned after it
     */
    static BenchDataset plan(int proposals, int months, long seed, Instant now) {
        if (proposals < 1) {
            throw new IllegalArgumentException("at least one proposal");
        }
        Random random = new Random(seed);
        Instant end = now.minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        long spanMinutes = Duration.ofDays(30L * months).toMinutes();
        List<PlannedProposal> planned = new ArrayList<>(proposals);
        for (int n = 1; n <= proposals; n++) {
            planned.add(proposal(n, random, end, spanMinutes));
        }
        List<PlannedMeeting> meetings = new ArrayList<>();
        for (int n = 1, count = Math.max(1, proposals / PROPOSALS_PER_MEETING); n <= count; n++) {
            meetings.add(meeting(n, random, end, spanMinutes));
        }
        // one project for every ten proposals, from accepted proposals in their order
        List<PlannedProject> projects = new ArrayList<>();
        Map<String, Envelope> envelopes = new LinkedHashMap<>();
        List<PlannedProposal> accepted = planned.stream()
                .filter(p -> p.outcome() == DecisionOutcome.ACCEPTED).toList();
        int projectCount = Math.min(accepted.size(), proposals / 10);
        for (int n = 1; n <= projectCount; n++) {
            PlannedProject project = project(n, accepted.get((int) ((long) (n - 1) * accepted.size() / projectCount)),
                    random, end);
            projects.add(project);
            if (project.allocatedAt() != null) {
                FiscalYear year = project.fiscalYear();
                Instant yearStart = LocalDate.of(year.startYear(), 4, 1).atStartOfDay(FiscalYear.TOKYO).toInstant();
                envelopes.merge(project.ward().code() + "-" + year.startYear(),
                        new Envelope(project.ward(), year, project.allocationYen(), before(end, yearStart)),
                        (a, b) -> new Envelope(a.ward(), a.fiscalYear(), a.yen() + b.yen(), a.setAt()));
            }
        }
        envelopes.replaceAll((key, e) -> new Envelope(e.ward(), e.fiscalYear(),
                Math.max(YEN_PER_WARD_YEAR, e.yen()), e.setAt()));
        return new BenchDataset(List.copyOf(planned), List.copyOf(meetings), List.copyOf(projects),
                Map.copyOf(envelopes));
    }

    private static PlannedProposal proposal(int n, Random random, Instant end, long spanMinutes) {
        int themeIndex = random.nextInt(THEMES.length);
        String title = TITLES[themeIndex][random.nextInt(TITLES[themeIndex].length)];
        Ward ward = Ward.values()[random.nextInt(Ward.values().length)];
        StringBuilder body = new StringBuilder();
        for (int s = 0, sentences = 2 + random.nextInt(3); s < sentences; s++) {
            body.append(BODY[random.nextInt(BODY.length)]);
        }
        Instant submitted = end.minus(random.nextLong(spanMinutes), ChronoUnit.MINUTES);
        Instant acknowledged = null;
        Instant revisionRequested = null;
        Instant revised = null;
        List<Instant> progress = new ArrayList<>();
        Instant decided = null;
        DecisionOutcome outcome = null;
        if (random.nextDouble() < 0.85) {
            acknowledged = before(end, submitted.plus(1 + random.nextInt(14), ChronoUnit.DAYS));
            // about two in three acknowledged proposals are answered, if their answer date has come
            Instant answer = acknowledged.plus(5 + random.nextInt(50), ChronoUnit.DAYS);
            boolean answered = random.nextDouble() < 0.65 && answer.isBefore(end);
            Instant lastUpdate = answered ? answer : end;
            Instant updatesFrom = acknowledged;
            // about one in twelve is sent back for a revision; the proposer answers within days, or not yet
            if (random.nextDouble() < 0.08) {
                revisionRequested = acknowledged.plus(1 + random.nextInt(4), ChronoUnit.DAYS);
                Instant revision = revisionRequested.plus(2 + random.nextInt(6), ChronoUnit.DAYS);
                if (!revisionRequested.isBefore(lastUpdate)) {
                    revisionRequested = null;
                } else if (revision.isBefore(lastUpdate)) {
                    revised = revision;
                    updatesFrom = revised;
                } else {
                    answered = false;
                    updatesFrom = null;
                }
            }
            // staff post updates on most proposals they work on, a few times each
            if (updatesFrom != null && random.nextDouble() < 0.6) {
                long window = Math.max(1, Duration.between(updatesFrom, answered ? answer : end).toMinutes());
                for (int u = 0, updates = 1 + random.nextInt(5); u < updates; u++) {
                    progress.add(updatesFrom.plus(random.nextLong(window), ChronoUnit.MINUTES));
                }
                progress.sort(null);
            }
            if (answered) {
                decided = answer;
                outcome = random.nextDouble() < 0.55 ? DecisionOutcome.ACCEPTED : DecisionOutcome.REJECTED;
            }
        }
        ProposalProgramme[] programmes = ProposalProgramme.values();
        ProposalChannel[] channels = ProposalChannel.values();
        return new PlannedProposal(n, ward, title + "（" + ward.nameJa() + "）", body.toString(),
                THEMES[themeIndex], programmes[random.nextInt(programmes.length)],
                channels[random.nextInt(channels.length)], submitted, acknowledged, revisionRequested, revised,
                List.copyOf(progress), decided, outcome);
    }

    private static PlannedMeeting meeting(int n, Random random, Instant end, long spanMinutes) {
        Instant starts = end.minus(2 + random.nextLong(spanMinutes), ChronoUnit.MINUTES)
                .minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        int groups = 2 + random.nextInt(3);
        List<PlannedOpinion> opinions = new ArrayList<>();
        for (int o = 0, count = 3 + random.nextInt(10); o < count; o++) {
            opinions.add(new PlannedOpinion(1 + random.nextInt(groups),
                    o > 0 && random.nextDouble() < 0.3 ? random.nextInt(o) : -1));
        }
        Instant ends = starts.plus(2, ChronoUnit.HOURS);
        return new PlannedMeeting(n, Ward.values()[random.nextInt(Ward.values().length)],
                MEETING_KINDS[random.nextInt(MEETING_KINDS.length)], THEMES[random.nextInt(THEMES.length)],
                starts.minus(14, ChronoUnit.DAYS), starts, ends, 20 + random.nextInt(21), 1 + random.nextInt(3),
                2 + random.nextInt(9), groups, List.copyOf(opinions), 1 + random.nextInt(2),
                before(end, ends.plus(3 + random.nextInt(10), ChronoUnit.DAYS)));
    }

    private static PlannedProject project(int n, PlannedProposal origin, Random random, Instant end) {
        Instant launched = before(end, origin.decidedAt().plus(7 + random.nextInt(24), ChronoUnit.DAYS));
        Instant approved = random.nextDouble() < 0.8
                ? before(end, launched.plus(3 + random.nextInt(18), ChronoUnit.DAYS)) : null;
        Instant allocated = approved != null && random.nextDouble() < 0.7
                ? before(end, approved.plus(1 + random.nextInt(10), ChronoUnit.DAYS)) : null;
        long yen = allocated == null ? 0 : (10 + random.nextInt(291)) * 10_000L;
        // spent in up to three parts, never more than allocated
        List<Long> spent = new ArrayList<>();
        for (int e = 0, parts = allocated == null ? 0 : 1 + random.nextInt(3); e < parts; e++) {
            spent.add(yen / (4 + random.nextInt(3)));
        }
        List<Instant> reports = new ArrayList<>();
        for (int r = 0, count = approved == null ? 0 : 1 + random.nextInt(3); r < count; r++) {
            Instant at = approved.plus(30L * (r + 1), ChronoUnit.DAYS);
            if (at.isBefore(end)) {
                reports.add(at);
            }
        }
        Instant completion = approved == null ? null : approved.plus(300 + random.nextInt(60), ChronoUnit.DAYS);
        return new PlannedProject(n, origin.number(), origin.ward(), FiscalYear.containing(launched), origin.theme(),
                launched, approved, allocated, yen, List.copyOf(spent), List.copyOf(reports),
                completion != null && completion.isBefore(end) ? completion : null);
    }

    private static Instant before(Instant end, Instant instant) {
        return instant.isAfter(end) ? end : instant;
    }

    /** How many commands the plan sends (a reservation and its allocation count as two). */
    int commands() {
        int count = envelopes.size();
        for (PlannedProposal p : proposals) {
            count += 1 + (p.acknowledgedAt() != null ? 1 : 0) + (p.revisionRequestedAt() != null ? 1 : 0)
                    + (p.revisedAt() != null ? 1 : 0) + p.progressAt().size() + (p.decidedAt() != null ? 1 : 0);
        }
        for (PlannedMeeting m : meetings) {
            // schedule, agenda, registrations, open, groups, opinions, resolutions, close, minutes, feedback to
            // each nominating group
            count += 2 + m.registrations() + 1 + m.groups() + m.opinions().size() + m.resolutions() + 2
                    + Math.min(m.registrations(), m.groups());
        }
        for (PlannedProject p : projects) {
            // launch and two partners; approval, agreement, target; reservation, allocation, expenditures, actual;
            // reports; evaluation and completion
            count += 3 + (p.approvedAt() != null ? 3 : 0) + (p.allocatedAt() != null ? 3 + p.expenditureYen().size() : 0)
                    + p.reportsAt().size() + (p.completedAt() != null ? 2 : 0);
        }
        return count;
    }
}
