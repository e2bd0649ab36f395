package kyodo.ops.demo;

import kyodo.kernel.Ward;
import kyodo.kernel.proposal.ProposalAccepted;
import kyodo.kernel.proposal.ProposalRejected;
import kyodo.kernel.proposal.ProposalSupported;
import kyodo.kernel.proposal.ProposalWithdrawn;
import kyodo.ops.cli.ProcessorProgress;
import kyodo.ops.cli.Waiting;
import kyodo.ops.demo.DemoProposals.Demo;
import kyodo.ops.resident.ResidentAccount;
import kyodo.ops.resident.ResidentEnrolment;
import kyodo.ops.resident.ResidentEnrolment.Enrolled;
import kyodo.ops.resident.ResidentEnrolment.Newcomer;
import kyodo.ops.resident.follow.NotificationMode;
import kyodo.query.proposal.ProposalViews;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The demo's residents (issue 17): ten verified residents of five wards, who support the open demo
 * proposals where the rules let them and follow a proposal and their ward, so that the portal shows
 * supports and the console's outbox fills as staff act. Everything goes through the residents' own
 * services ({@link ResidentEnrolment}): sign-up with the form's checks and limits, the confirmation code,
 * a counter code issued by staff of the ward and entered by the resident, supports sent as any
 * resident's (the proposal decides once-each, the ward rule and whether it is open). Their names and
 * addresses are sealed like any resident's; the addresses are under {@code demo.kyodo.invalid}.
 *
 * <p>Loading again adds nothing, deletes nothing and undoes no resident's own change: a resident whose
 * address has a verified account is not signed up again; a support is sent only when the proposal's
 * history holds none of the resident's pseudonym (a support withdrawn since stays withdrawn) and the
 * proposal is still open; a resident's follows are made once, when the load signs them up, so what a
 * demo resident unfollowed since stays unfollowed. The first resident's password is printed once, when
 * the account is made, as the administrator's is; the others' are random and never shown.
 *
 * <p>The supports stay below the default threshold (50), so no answer becomes due by supports: ten
 * residents cannot reach it, and a lower threshold for the demo would change the settings' meaning.
 */
final class DemoResidents {

    private static final Logger log = LoggerFactory.getLogger(DemoResidents.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    /** The residents' notifier ({@code kyodo.ops.resident.follow.Notifier}): its processing group. */
    private static final String NOTIFIER = "resident-notifier";
    /** What the residents' limits count the demo's steps under (no client address of the web). */
    static final String CLIENT = "demo-loader";
    private static final char[] PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
            .toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A demo resident.
     *
     * @param number   their number: address {@code resident<n>@demo.kyodo.invalid}, name デモ住民 nn
     * @param ward     the ward whose office verified them
     * @param language the language of their mail
     * @param supports the keys of the demo proposals they support ({@link DemoProposals}); they follow the first
     */
    record Resident(int number, String ward, String language, List<String> supports) {

        String email() {
            return "resident" + number + "@demo.kyodo.invalid";
        }

        String name() {
            return String.format("デモ住民 %02d", number);
        }

        /** The number of the identity document staff checked: the demo's own, kept only as its pseudonym. */
        String documentId() {
            return String.format("DEMO-RESIDENT-%02d", number);
        }
    }

    private static final String KAWASAKI_CENTRE = "demo-proposal-02";
    private static final String STUDY_SPACE = "demo-proposal-05";
    private static final String BICYCLES = "demo-proposal-06";

    /**
     * The open demo proposals and who supports them: いこいの家 (川崎区, its residents) 3, the まちのひろば study
     * space (多摩区, open to the whole city) 8, the bicycle parking (中原区, its residents) 2.
     */
    static final List<Resident> ALL = List.of(
            new Resident(1, "kawasaki", "ja", List.of(KAWASAKI_CENTRE, STUDY_SPACE)),
            new Resident(2, "kawasaki", "en", List.of(KAWASAKI_CENTRE, STUDY_SPACE)),
            new Resident(3, "kawasaki", "ja", List.of(KAWASAKI_CENTRE)),
            new Resident(4, "tama", "ja", List.of(STUDY_SPACE)),
            new Resident(5, "tama", "en", List.of(STUDY_SPACE)),
            new Resident(6, "nakahara", "ja", List.of(BICYCLES, STUDY_SPACE)),
            new Resident(7, "nakahara", "ja", List.of(BICYCLES)),
            new Resident(8, "saiwai", "ja", List.of(STUDY_SPACE)),
            new Resident(9, "asao", "en", List.of(STUDY_SPACE)),
            new Resident(10, "asao", "ja", List.of(STUDY_SPACE)));

    private final ResidentEnrolment enrolment;
    private final EventStore events;
    private final ProposalViews proposals;
    private final ProcessorProgress processors;
    private final ApplicationContext context;
    private final Duration catchUp;
    private final PrintStream console;

    private DemoResidents(ResidentEnrolment enrolment, EventStore events, ProposalViews proposals,
                          ProcessorProgress processors, ApplicationContext context, Duration catchUp,
                          PrintStream console) {
        this.enrolment = enrolment;
        this.events = events;
        this.proposals = proposals;
        this.processors = processors;
        this.context = context;
        this.catchUp = catchUp;
        this.console = console;
    }

    static DemoResidents of(ApplicationContext context) {
        return new DemoResidents(context.getBean(ResidentEnrolment.class), context.getBean(EventStore.class),
                context.getBean(ProposalViews.class), ProcessorProgress.of(context), context,
                context.getBean(DemoSettings.class).catchUpTimeout(), System.out);
    }

    /** What loading the residents did. */
    record Tally(int residents, int signedUp, int supports, int supported) {

        String render() {
            return String.format("demo residents: %d verified (%d signed up now), %d supports (%d sent now), "
                    + "each following a proposal and their ward", residents, signedUp, supports, supported);
        }
    }

    /**
     * Enrols and supports what is missing, and makes the follows of each resident it signs up now; the
     * proposals must be loaded ({@link BackdatedProposals}).
     */
    Tally load() {
        // before anyone is signed up, so that a wait that times out leaves nobody signed up without follows
        awaitFollowable();
        int residents = 0;
        int signedUp = 0;
        int supports = 0;
        int supported = 0;
        for (Resident resident : ALL) {
            Ward ward = Ward.fromCode(resident.ward()).orElseThrow();
            Newcomer newcomer = new Newcomer(resident.email(), resident.name(), password(), resident.language(), ward,
                    resident.documentId());
            Enrolled enrolled = enrolment.enrol(newcomer, BackdatedProposals.actor(resident.ward()), CLIENT);
            residents++;
            if (enrolled.signedUp()) {
                signedUp++;
                follow(resident, enrolled.account());
                if (resident.number() == 1) {
                    show(newcomer);
                }
            }
            for (String key : resident.supports()) {
                supports++;
                if (support(enrolled.account(), key)) {
                    supported++;
                }
            }
        }
        Tally tally = new Tally(residents, signedUp, supports, supported);
        log.info(tally.render());
        return tally;
    }

    /** How many supports and follows the demo residents have when the load made them all. */
    static int supportsInAll() {
        return ALL.stream().mapToInt(r -> r.supports().size()).sum();
    }

    /** Each follows the first proposal they support and their ward. */
    static int followsInAll() {
        return 2 * ALL.size();
    }

    /** The first resident's address and password, once, as the administrator's are shown on a first run. */
    private void show(Newcomer first) {
        console.println();
        console.println("==================================================================");
        console.println(" kyodo demo: a verified resident of " + first.ward().nameJa() + " to sign in as at");
        console.println(" /resident/sign-in (supports and follows under /resident):");
        console.println("   address:  " + first.email());
        console.println("   password: " + first.password());
        console.println(" It is shown this once.");
        console.println("==================================================================");
        console.println();
    }

    private String password() {
        char[] password = new char[20];
        for (int i = 0; i < password.length; i++) {
            password[i] = PASSWORD_ALPHABET[RANDOM.nextInt(PASSWORD_ALPHABET.length)];
        }
        return new String(password);
    }

    /** Sends the support unless the resident supported the proposal before or it was closed since. */
    private boolean support(ResidentAccount account, String key) {
        String id = BackdatedProposals.id(key, "proposal");
        boolean open = true;
        var stream = events.readEvents(id);
        while (stream.hasNext()) {
            Object event = stream.next().getPayload();
            if (event instanceof ProposalSupported s && s.supporter().equals(account.pseudonym())) {
                return false;
            }
            if (event instanceof ProposalAccepted || event instanceof ProposalRejected
                    || event instanceof ProposalWithdrawn) {
                open = false;
            }
        }
        if (!open) {
            return false;
        }
        try {
            enrolment.support(account, id, ward(key)).block(TIMEOUT);
        } catch (RuntimeException e) {
            throw new DemoLoadException("a demo resident's support of " + key + " failed: " + e.getMessage(), e);
        }
        return true;
    }

    private static Ward ward(String key) {
        Demo demo = DemoProposals.ALL.stream().filter(d -> d.key().equals(key)).findFirst().orElseThrow();
        return Ward.fromCode((String) demo.submission().get("ward")).orElseThrow();
    }

    /**
     * Waits until the residents' notifier has read every event so far and the proposal views show the
     * proposals the residents follow: a follow is stored at once, and a notifier still behind would tell
     * the new follower of the months of demo history it had not read yet. (Sign-ups and supports, which
     * come after, are nothing a follower is told of.)
     */
    private void awaitFollowable() {
        long head = processors.head();
        StreamingEventProcessor notifier = processors.streamingProcessors().get(NOTIFIER);
        if (notifier == null) {
            throw new DemoLoadException("no " + NOTIFIER + " processor: the demo residents cannot follow");
        }
        await(() -> ProcessorProgress.position(notifier) >= head, "the residents' notifier to read the demo's events");
        ALL.stream().map(DemoResidents::followedProposal).distinct()
                .forEach(id -> await(() -> proposals.title(id).isPresent(), "the proposal views to show " + id));
    }

    /** The resident follows the first proposal they support and their ward ({@link DemoFollows}). */
    private void follow(Resident resident, ResidentAccount account) {
        DemoFollows.follow(context, account.subjectId(), followedProposal(resident), resident.ward(),
                resident.number() % 2 == 0 ? NotificationMode.DIGEST : NotificationMode.IMMEDIATE);
    }

    private static String followedProposal(Resident resident) {
        return BackdatedProposals.id(resident.supports().get(0), "proposal");
    }

    private void await(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + catchUp.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new DemoLoadException("waited " + catchUp.toSeconds() + " s (kyodo.demo.catch-up-timeout) for "
                        + what + "; loading the demo again completes it");
            }
            if (!Waiting.pause(POLL)) {
                throw new DemoLoadException("interrupted while waiting for " + what);
            }
        }
    }
}
