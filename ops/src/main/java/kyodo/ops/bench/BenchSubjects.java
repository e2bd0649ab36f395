package kyodo.ops.bench;

import kyodo.command.budget.ReserveFunds;
import kyodo.command.meeting.CloseMeeting;
import kyodo.command.meeting.FormGroup;
import kyodo.command.meeting.OpenMeeting;
import kyodo.command.meeting.PublishAgenda;
import kyodo.command.meeting.PublishMinutes;
import kyodo.command.meeting.RecordFeedback;
import kyodo.command.meeting.RecordOpinion;
import kyodo.command.meeting.RecordResolution;
import kyodo.command.meeting.RegisterParticipant;
import kyodo.command.meeting.ScheduleMeeting;
import kyodo.command.project.AddPartner;
import kyodo.command.project.ApproveProject;
import kyodo.command.project.CompleteProject;
import kyodo.command.project.LaunchProject;
import kyodo.command.project.PostProgressReport;
import kyodo.command.project.RecordActual;
import kyodo.command.project.RecordAllocation;
import kyodo.command.project.RecordExpenditure;
import kyodo.command.project.SelfEvaluate;
import kyodo.command.project.SetTarget;
import kyodo.command.project.SignAgreement;
import kyodo.command.proposal.AcknowledgeProposal;
import kyodo.command.proposal.DecideProposal;
import kyodo.command.proposal.PostProgressUpdate;
import kyodo.command.proposal.RequestRevision;
import kyodo.command.proposal.ReviseProposal;
import kyodo.command.proposal.SubmitProposal;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Yen;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.meeting.AgendaItem;
import kyodo.kernel.meeting.Participant;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.personal.SealedPersonalData;
import kyodo.kernel.project.PartnerType;
import kyodo.kernel.project.ProjectOrigin;
import kyodo.kernel.project.ProjectProgramme;
import kyodo.kernel.project.WardBudgetId;
import kyodo.kernel.proposal.Proposer;
import kyodo.ops.bench.BenchDataset.PlannedMeeting;
import kyodo.ops.bench.BenchDataset.PlannedOpinion;
import kyodo.ops.bench.BenchDataset.PlannedProject;
import kyodo.ops.bench.BenchDataset.PlannedProposal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The commands of one planned subject, in their order, as staff would send them: a proposal's
 * lifecycle, a meeting's, a project's. Personal data (a proposer, a registered participant) is
 * synthetic and sealed under a key of its own, as the HTTP edge does; nothing here logs it.
 *
 * @param sender    sends each command as a staff member of the step's role
 * @param protector seals the synthetic personal data
 */
record BenchSubjects(Sender sender, PersonalDataProtector protector) {

    /** Sends one command as a staff member of that role, and returns once it is handled. */
    @FunctionalInterface
    interface Sender {

        void send(Object command, String role);
    }

    static final String STAFF_ID = "bench-loader";
    private static final String STAFF = "STAFF";
    private static final String WARD_HEAD = "WARD_HEAD";

    /** Sends a proposal's steps and returns its id. */
    String proposal(PlannedProposal p) {
        String proposalId = id();
        SealedPersonalData proposer = protector.sealForNewSubject(id(),
                new Proposer(p.proposerName(), p.proposerContact()), p.submittedAt());
        sender.send(new SubmitProposal(proposalId, p.ward(), p.title(), p.body(), List.of(p.theme()), p.programme(),
                p.channel(), proposer, p.submittedAt()), STAFF);
        if (p.acknowledgedAt() == null) {
            return proposalId;
        }
        sender.send(new AcknowledgeProposal(proposalId, null, p.ward().nameJa() + " 地域振興課", null,
                p.acknowledgedAt(), by(STAFF)), STAFF);
        if (p.revisionRequestedAt() != null) {
            sender.send(new RequestRevision(proposalId, null, id(), "実施場所を具体的に書き加えてください",
                    p.revisionRequestedAt(), by(STAFF)), STAFF);
        }
        if (p.revisedAt() != null) {
            sender.send(new ReviseProposal(proposalId, null, p.title(), p.body() + "場所は駅の東口周辺です。",
                    p.revisedAt(), by(STAFF)), STAFF);
        }
        for (Instant at : p.progressAt()) {
            sender.send(new PostProgressUpdate(proposalId, null, "担当課で現地を確認し、関係部署と対応を協議しています。", at,
                    by(STAFF)), STAFF);
        }
        if (p.decidedAt() != null) {
            boolean accepted = p.outcome() == DecisionOutcome.ACCEPTED;
            sender.send(new DecideProposal(proposalId, null, id(), p.outcome(),
                    accepted ? "来年度の事業として実施します" : "現行の制度で対応しているため、今回は見送ります",
                    null, null, p.decidedAt(), by(STAFF)), STAFF);
        }
        return proposalId;
    }

    void meeting(PlannedMeeting m) {
        String meetingId = id();
        sender.send(new ScheduleMeeting(meetingId, m.kind(), m.ward(), null, m.ward().nameJa() + " " + m.theme()
                + "を考える会 " + m.number(), m.startsAt(), m.endsAt(), m.ward().nameJa() + "役所 会議室", null, true,
                List.of(m.theme()), null, null, m.scheduledAt(), by(STAFF)), STAFF);
        List<AgendaItem> items = new ArrayList<>();
        for (int i = 1; i <= m.agendaItems(); i++) {
            items.add(new AgendaItem("議題" + i + "：" + m.theme() + "の現状と課題", "事務局",
                    List.of("地域で困っていること", "区と協働でできること"), List.of("事前アンケートの集計")));
        }
        Instant published = m.scheduledAt().plus(1, ChronoUnit.DAYS);
        sender.send(new PublishAgenda(meetingId, null, items, published, by(STAFF)), STAFF);
        for (int r = 1; r <= m.registrations(); r++) {
            Instant at = published.plus(r, ChronoUnit.HOURS);
            SealedPersonalData participant = protector.sealForNewSubject(id(),
                    new Participant("ベンチ 参加者" + m.number() + "-" + r, "町内会" + r), at);
            sender.send(new RegisterParticipant(meetingId, null, id(), participant, group(1 + r % m.groups()), at,
                    by(STAFF)), STAFF);
        }
        sender.send(new OpenMeeting(meetingId, null, m.attendance(), m.startsAt(), by(STAFF)), STAFF);
        for (int g = 1; g <= m.groups(); g++) {
            sender.send(new FormGroup(meetingId, null, g, m.theme() + " " + g, m.startsAt().plus(5, ChronoUnit.MINUTES),
                    by(STAFF)), STAFF);
        }
        List<String> opinionIds = new ArrayList<>();
        for (int o = 0; o < m.opinions().size(); o++) {
            PlannedOpinion opinion = m.opinions().get(o);
            String opinionId = id();
            sender.send(new RecordOpinion(meetingId, null, opinionId, opinion.group(), m.theme(),
                    "グループ" + opinion.group() + "の意見" + (o + 1) + "：身近な場所から取り組みを始めたい",
                    opinion.relatedTo() < 0 ? List.of() : List.of(opinionIds.get(opinion.relatedTo())), null,
                    m.startsAt().plus(10 + o, ChronoUnit.MINUTES), by(STAFF)), STAFF);
            opinionIds.add(opinionId);
        }
        for (int r = 1; r <= m.resolutions(); r++) {
            int against = 2 + r;
            sender.send(new RecordResolution(meetingId, null, id(), id(), "議題" + r + "について区に提言する", null, null,
                    m.attendance() - against - 1, against, 1, m.startsAt().plus(Duration.ofMinutes(30L * r)),
                    by(STAFF)), STAFF);
        }
        sender.send(new CloseMeeting(meetingId, null, m.attendance(), m.endsAt(), by(STAFF)), STAFF);
        sender.send(new PublishMinutes(meetingId, null, "各グループの意見を共有し、提言をまとめました。", m.minutesAt(),
                by(STAFF)), STAFF);
        // feedback to each group that nominated a participant
        for (int r = 1; r <= Math.min(m.registrations(), m.groups()); r++) {
            sender.send(new RecordFeedback(meetingId, null, group(1 + r % m.groups()), "提言を区の施策に反映する方向で検討します。",
                    m.minutesAt(), by(STAFF)), STAFF);
        }
    }

    /**
     * Sends a project's steps. The reservation on the ward budget is stamped {@code now}: it expires a
     * while after its own time unless the project records it, and one stamped in the past could expire
     * first.
     */
    void project(PlannedProject p, String proposalId, Instant now) {
        String projectId = id();
        sender.send(new LaunchProject(projectId, p.ward(), p.fiscalYear(), "提案から生まれた協働事業 " + p.number(),
                p.theme(), ProjectProgramme.COLLABORATIVE, new ProjectOrigin(proposalId, null, null),
                p.ward().nameJa() + " 地域振興課", p.launchedAt(), by(STAFF)), STAFF);
        String npo = id();
        String association = id();
        Instant partnered = p.launchedAt().plus(1, ChronoUnit.MINUTES);
        sender.send(new AddPartner(projectId, null, npo, "NPO法人 まちづくり" + p.number(), PartnerType.NPO, "運営",
                partnered, by(STAFF)), STAFF);
        sender.send(new AddPartner(projectId, null, association, p.ward().nameJa() + " 第" + p.number() + "町内会",
                PartnerType.NEIGHBOURHOOD_ASSOCIATION, "広報・参加者募集", partnered, by(STAFF)), STAFF);
        if (p.approvedAt() == null) {
            return;
        }
        sender.send(new ApproveProject(projectId, null, id(), "地域の課題に応える事業として承認します", p.approvedAt(),
                by(WARD_HEAD)), WARD_HEAD);
        sender.send(new SignAgreement(projectId, null, id(), id(), "協働事業の実施に関する協定", List.of(npo, association),
                p.approvedAt().atZone(FiscalYear.TOKYO).toLocalDate(), p.approvedAt(), by(STAFF)), STAFF);
        int year = p.fiscalYear().startYear();
        sender.send(new SetTarget(projectId, null, "参加者数", "人", 0, Map.of(year, 200L, year + 1, 300L),
                p.approvedAt(), by(STAFF)), STAFF);
        if (p.allocatedAt() != null) {
            String budgetId = WardBudgetId.of(p.ward(), p.fiscalYear());
            String allocationId = id();
            Yen amount = Yen.of(p.allocationYen());
            sender.send(new ReserveFunds(budgetId, allocationId, projectId, amount, now), WARD_HEAD);
            sender.send(new RecordAllocation(projectId, null, allocationId, id(), budgetId, amount, "事業費として配分します",
                    p.allocatedAt(), by(WARD_HEAD)), WARD_HEAD);
            for (int e = 0; e < p.expenditureYen().size(); e++) {
                Instant at = p.allocatedAt().plus(e, ChronoUnit.DAYS);
                sender.send(new RecordExpenditure(projectId, null, id(), Yen.of(p.expenditureYen().get(e)),
                        "講師謝礼・会場費", at.atZone(FiscalYear.TOKYO).toLocalDate(), at, by(STAFF)), STAFF);
            }
            sender.send(new RecordActual(projectId, null, "参加者数", year, 120 + p.number() % 150, p.allocatedAt(),
                    by(STAFF)), STAFF);
        }
        for (Instant at : p.reportsAt()) {
            sender.send(new PostProgressReport(projectId, null, "ワークショップを開催し、地域の参加者が増えています。", at,
                    by(STAFF)), STAFF);
        }
        if (p.completedAt() != null) {
            sender.send(new SelfEvaluate(projectId, null, 3 + p.number() % 3, "目標の参加者数に近づき、地域の担い手が育ちました。",
                    p.completedAt(), by(STAFF)), STAFF);
            sender.send(new CompleteProject(projectId, null, id(), "予定した活動を終え、事業を完了します", p.completedAt(),
                    by(WARD_HEAD)), WARD_HEAD);
        }
    }

    private static String group(int number) {
        return "グループ" + number;
    }

    static StaffRef by(String role) {
        return new StaffRef(STAFF_ID + "-" + role.toLowerCase(Locale.ROOT), role);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
