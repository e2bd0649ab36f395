package kyodo.ops.demo;

import com.github.kagkarlsson.scheduler.Scheduler;
import kyodo.command.proposal.AcknowledgeProposal;
import kyodo.command.proposal.DecideProposal;
import kyodo.command.proposal.PostProgressUpdate;
import kyodo.command.proposal.RequestRevision;
import kyodo.command.proposal.SubmitProposal;
import kyodo.command.proposal.WithdrawProposal;
import kyodo.command.sending.CommandDispatch;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.kernel.access.Role;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.proposal.ProposalChannel;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.ProposalResponseOverdue;
import kyodo.kernel.proposal.ProposalSupportThresholdReached;
import kyodo.kernel.proposal.ProposalSupportWithdrawn;
import kyodo.kernel.proposal.ProposalSupported;
import kyodo.kernel.proposal.Proposer;
import kyodo.ops.demo.DemoProposals.Demo;
import kyodo.ops.demo.DemoProposals.Step;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.ApplicationContext;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The demo proposals with the dates of their lives ({@link DemoProposals}): sent to the command side of
 * this process with the time each step was taken, counted back from the load's own day, which the
 * HTTP API cannot do (it stamps every command with its arrival). Loaded by the server itself and by
 * {@code demo load} on its stores; a load into a running server through {@code --url} sends them
 * through the API instead, dated the day of the load.
 *
 * <p>Deterministic for a given day: ids, decision ids and times follow from the proposal's key and the
 * day. Loading again finds a proposal's events in the event store and sends only the steps it lacks.
 * The platform marks a proposal overdue itself, from the deadline its acknowledgement set; as months of
 * steps go in within a second, the deadline scheduler is paused while they do (a deadline already past
 * would otherwise race the answer recorded right after it) and the load waits for the overdue marks of
 * the proposals still open past their due date, so that it ends with every fact in place.
 */
final class BackdatedProposals {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration OVERDUE_WAIT = Duration.ofSeconds(90);
    /** Submissions at 09:30, Tokyo time, the office's steps from 10:00 on, a minute apart. */
    private static final LocalTime SUBMITTED = LocalTime.of(9, 30);
    private static final LocalTime STEPS = LocalTime.of(10, 0);

    private final CommandDispatch dispatch;
    private final PersonalDataProtector protector;
    private final EventStore events;
    private final Clock clock;
    private final Scheduler deadlines;

    BackdatedProposals(CommandDispatch dispatch, PersonalDataProtector protector, EventStore events, Clock clock,
                       Scheduler deadlines) {
        this.dispatch = dispatch;
        this.protector = protector;
        this.events = events;
        this.clock = clock;
        this.deadlines = deadlines;
    }

    static BackdatedProposals of(ApplicationContext context) {
        return new BackdatedProposals(context.getBean(CommandDispatch.class),
                context.getBean(PersonalDataProtector.class), context.getBean(EventStore.class),
                context.getBean(Clock.class), context.getBeanProvider(Scheduler.class).getIfAvailable());
    }

    /** What loading the proposals did: steps sent (submissions included) and steps found there. */
    record Tally(int applied, int alreadyThere) {
    }

    /** Sends what each proposal lacks; {@code each} is told when a proposal is done. */
    Tally load(List<Demo> proposals, Runnable each) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = now.atZone(FiscalYear.TOKYO).toLocalDate();
        int applied = 0;
        int there = 0;
        List<String> overdue = new ArrayList<>();
        if (deadlines != null) {
            deadlines.pause();
        }
        try {
            for (Demo demo : proposals) {
                String id = id(demo.key(), "proposal");
                int done = stored(id).steps();
                List<Step> steps = demo.steps();
                for (int i = done; i <= steps.size(); i++) {
                    Instant at = at(today, demo, i, now);
                    send(i == 0 ? submission(id, demo, at) : command(id, demo, steps.get(i - 1), i, at),
                            (String) demo.submission().get("ward"));
                }
                applied += Math.max(0, steps.size() + 1 - done);
                there += Math.min(done, steps.size() + 1);
                if (overdueToday(demo, today)) {
                    overdue.add(id);
                }
                each.run();
            }
        } finally {
            if (deadlines != null) {
                deadlines.resume();
                deadlines.triggerCheckForDueExecutions();
            }
        }
        if (deadlines != null) {
            overdue.forEach(this::awaitOverdueMark);
        }
        return new Tally(applied, there);
    }

    /** The proposal's id, or a decision's: the same for the same key on every load. */
    static String id(String key, String what) {
        return UUID.nameUUIDFromBytes(("kyodo demo " + what + " " + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * When step {@code i} (0: the submission) was taken: its day, counted from the submission's, which
     * is {@code daysAgo} before today; never later than now, nor before the step before it.
     */
    static Instant at(LocalDate today, Demo demo, int i, Instant now) {
        LocalDate submittedOn = today.minusDays(demo.daysAgo());
        Instant at = i == 0 ? submittedOn.atTime(SUBMITTED).atZone(FiscalYear.TOKYO).toInstant()
                : submittedOn.plusDays(demo.steps().get(i - 1).day()).atTime(STEPS.plusMinutes(i))
                .atZone(FiscalYear.TOKYO).toInstant();
        Instant latest = now.minusSeconds(demo.steps().size() + 1L - i);
        return at.isAfter(latest) ? latest : at;
    }

    /** Whether the proposal ends the load acknowledged, undecided and past the due date it was given. */
    static boolean overdueToday(Demo demo, LocalDate today) {
        LocalDate submittedOn = today.minusDays(demo.daysAgo());
        LocalDate dueOn = null;
        for (Step step : demo.steps()) {
            switch (step.action()) {
                case "acknowledgement" -> dueOn = submittedOn.plusDays(step.day())
                        .plusDays(((Number) step.body().get("responseDueDays")).longValue());
                case "decision", "withdrawal" -> {
                    return false;
                }
                default -> {
                    // progress and revision requests leave the clock running
                }
            }
        }
        return dueOn != null && dueOn.isBefore(today);
    }

    private Object submission(String id, Demo demo, Instant at) {
        Map<String, Object> s = demo.submission();
        @SuppressWarnings("unchecked")
        Map<String, String> proposer = (Map<String, String>) s.get("proposer");
        @SuppressWarnings("unchecked")
        List<String> themes = (List<String>) s.get("themes");
        return new SubmitProposal(id, ward(s.get("ward")), (String) s.get("title"), (String) s.get("body"), themes,
                ProposalProgramme.valueOf((String) s.get("programme")),
                ProposalChannel.valueOf((String) s.get("channel")),
                protector.sealForNewSubject(UUID.randomUUID().toString(),
                        new Proposer(proposer.get("name"), proposer.get("contact")), at), at);
    }

    /** The command the API would send for the step's body, dated {@code at}. */
    private Object command(String id, Demo demo, Step step, int i, Instant at) {
        Map<String, Object> b = step.body();
        StaffRef by = actor((String) demo.submission().get("ward")).staffRef();
        String decisionId = id(demo.key() + " " + i, "decision");
        return switch (step.action()) {
            case "acknowledgement" -> new AcknowledgeProposal(id, null, (String) b.get("department"),
                    (Integer) b.get("responseDueDays"), at, by);
            case "progress-updates" -> new PostProgressUpdate(id, null, (String) b.get("text"), at, by);
            case "revision-requests" -> new RequestRevision(id, null, decisionId, (String) b.get("reason"), at, by);
            case "decision" -> new DecideProposal(id, null, decisionId,
                    DecisionOutcome.valueOf((String) b.get("outcome")), (String) b.get("reason"),
                    (String) b.get("conditions"), null, at, by);
            case "withdrawal" -> new WithdrawProposal(id, null, (String) b.get("reason"), at, by);
            default -> throw new IllegalStateException(demo.key() + ": no command for " + step.action());
        };
    }

    private void send(Object command, String ward) {
        try {
            dispatch.send(command, actor(ward)).block(TIMEOUT);
        } catch (RuntimeException e) {
            // the command's name and the failure, never its fields (a submission carries a proposer)
            throw new DemoLoadException(command.getClass().getSimpleName() + " of a demo proposal failed: "
                    + e.getMessage(), e);
        }
    }

    /** Staff of the proposal's ward, as the HTTP loader signs in ({@link DemoClient}). */
    static Actor actor(String ward) {
        return new Actor("demo-loader-staff-" + ward, Role.STAFF, ward(ward));
    }

    private static Ward ward(Object code) {
        return Ward.fromCode((String) code).orElseThrow();
    }

    /**
     * What the event store holds of a proposal: its own steps (its submission first), and its overdue mark;
     * residents' supports ({@link DemoResidents}) are no steps of its life.
     */
    private record Stored(int steps, boolean markedOverdue) {
    }

    private Stored stored(String id) {
        int steps = 0;
        boolean overdue = false;
        var stream = events.readEvents(id);
        while (stream.hasNext()) {
            Object event = stream.next().getPayload();
            if (event instanceof ProposalResponseOverdue) {
                overdue = true;
            } else if (!(event instanceof ProposalSupported || event instanceof ProposalSupportWithdrawn
                    || event instanceof ProposalSupportThresholdReached)) {
                steps++;
            }
        }
        return new Stored(steps, overdue);
    }

    private void awaitOverdueMark(String id) {
        long deadline = System.nanoTime() + OVERDUE_WAIT.toNanos();
        while (!stored(id).markedOverdue()) {
            if (System.nanoTime() > deadline) {
                throw new DemoLoadException("a demo proposal past its due date was not marked overdue within "
                        + OVERDUE_WAIT.toSeconds() + " s (is the deadline scheduler running?)");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoLoadException("interrupted while waiting for the overdue marks", e);
            }
        }
    }
}
