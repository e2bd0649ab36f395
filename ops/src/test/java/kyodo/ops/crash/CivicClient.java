package kyodo.ops.crash;

import kyodo.ops.crash.Ledger.Subject;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.function.Consumer;

/**
 * One member of staff at work, as a thread: receives proposals (with Idempotency-Keys), acknowledges
 * them, posts progress, answers them; schedules and opens meetings and records their resolutions;
 * launches projects from accepted proposals of the budget ward, has the ward head approve them and
 * allocate money from the one ward envelope. Every answer goes into the {@link Ledger}: a 2xx is
 * acknowledged, a missing answer is in doubt (and the subject is left alone from then on, since
 * its state is no longer known), a 4xx is a refusal.
 *
 * <p>A creation without an answer is sent again with the same key and body once the server is back,
 * as a careful client does; some acknowledged creations are repeated at once, as a client does that
 * lost an answer, and must get the first answer back.
 */
final class CivicClient implements Runnable {

    /** What the clients share: the server, the ledger, the accounts and when to stop. */
    record Shared(Api api, Ledger ledger, ServerGate gate, Map<String, Api.Account> accounts, String runId,
                  List<String> wards, String budgetWard, int fiscalYear, java.util.concurrent.atomic.AtomicBoolean stop) {

        Api.Account staff(String ward) {
            return accounts.get("STAFF-" + ward);
        }

        Api.Account wardHead() {
            return accounts.get("WARD_HEAD-" + budgetWard);
        }
    }

    /** A subject this client works on. */
    private static final class Item {
        final String id;
        final String ward;
        int uses;
        int attendance;

        Item(String id, String ward) {
            this.id = id;
            this.ward = ward;
        }
    }

    /** A creation that got no answer: sent again, same key, same body, once the server is back. */
    private record Pending(Subject subject, String path, String route, Api.Account as, Object body, String key,
                           Consumer<String> onCreated) {
    }

    private enum Action {
        // later steps weigh more, so that every run reaches projects and allocations soon
        SUBMIT(16), ACKNOWLEDGE(14), PROGRESS(8), ANSWER(14), REVISION_REQUEST(2), SCHEDULE(4), OPEN(4),
        RESOLUTION(8), LAUNCH(14), APPROVE(14), ALLOCATE(16), PROJECT_REPORT(4), REPEAT_KEY(2);

        final int weight;

        Action(int weight) {
            this.weight = weight;
        }
    }

    private final int number;
    private final Shared shared;
    private final Random random;
    private final String homeWard;
    private final Queue<Pending> pending = new ArrayDeque<>();
    private final List<Ledger.Creation> mine = new ArrayList<>();
    private final List<Item> submitted = new ArrayList<>();
    private final List<Item> acknowledged = new ArrayList<>();
    private final List<Item> accepted = new ArrayList<>();
    private final List<Item> scheduled = new ArrayList<>();
    private final List<Item> open = new ArrayList<>();
    private final List<Item> launched = new ArrayList<>();
    private final List<Item> approved = new ArrayList<>();
    private int counter;

    CivicClient(int number, Shared shared, long seed) {
        this.number = number;
        this.shared = shared;
        this.random = new Random(seed);
        this.homeWard = shared.wards().get(number % shared.wards().size());
    }

    @Override
    public void run() {
        try {
            while (!shared.stop().get()) {
                shared.gate().awaitOpen();
                if (!pending.isEmpty()) {
                    retry(pending.poll());
                } else {
                    step(choose());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * After the load stops, with the server up: sends every unanswered creation again until it is
     * answered, so that each ends acknowledged (created once) or refused.
     */
    void settlePending() throws InterruptedException {
        for (int attempt = 0; attempt < 5 && !pending.isEmpty(); attempt++) {
            int size = pending.size();
            for (int i = 0; i < size; i++) {
                retry(pending.poll());
            }
            if (!pending.isEmpty()) {
                Thread.sleep(1000);
            }
        }
    }

    int unsettled() {
        return pending.size();
    }

    private Action choose() {
        List<Action> possible = new ArrayList<>();
        int total = 0;
        for (Action action : Action.values()) {
            if (possible(action)) {
                possible.add(action);
                total += action.weight;
            }
        }
        int pick = random.nextInt(total);
        for (Action action : possible) {
            pick -= action.weight;
            if (pick < 0) {
                return action;
            }
        }
        return Action.SUBMIT;
    }

    private boolean possible(Action action) {
        return switch (action) {
            case SUBMIT, SCHEDULE -> true;
            case ACKNOWLEDGE -> !submitted.isEmpty();
            case PROGRESS, ANSWER, REVISION_REQUEST -> !acknowledged.isEmpty();
            case OPEN -> !scheduled.isEmpty();
            case RESOLUTION -> !open.isEmpty();
            case LAUNCH -> !accepted.isEmpty();
            case APPROVE -> !launched.isEmpty();
            case ALLOCATE, PROJECT_REPORT -> !approved.isEmpty();
            case REPEAT_KEY -> !mine.isEmpty();
        };
    }

    private void step(Action action) throws InterruptedException {
        switch (action) {
            case SUBMIT -> submit();
            case ACKNOWLEDGE -> {
                Item p = take(submitted);
                Api.Answer a = command(Subject.PROPOSAL, p, "acknowledgement", shared.staff(p.ward),
                        Map.of("department", "地域振興課"), null, 0);
                if (a != null && a.ok()) {
                    acknowledged.add(p);
                }
            }
            case PROGRESS -> {
                Item p = pick(acknowledged);
                Api.Answer a = command(Subject.PROPOSAL, p, "progress-updates", shared.staff(p.ward),
                        Map.of("text", "現地を確認しました（" + (++p.uses) + "回目）"), null, 0);
                forgetUnlessAnswered(a, acknowledged, p);
            }
            case ANSWER -> {
                Item p = take(acknowledged);
                boolean accept = random.nextInt(10) < 7;
                Api.Answer a = command(Subject.PROPOSAL, p, "decision", shared.staff(p.ward),
                        Map.of("outcome", accept ? "ACCEPTED" : "REJECTED",
                                "reason", accept ? "来年度に実施します" : "既存の事業で対応します"),
                        "PROPOSAL_ANSWER", 0);
                if (a != null && a.ok() && accept && p.ward.equals(shared.budgetWard())) {
                    accepted.add(p);
                }
            }
            case REVISION_REQUEST -> {
                Item p = take(acknowledged);
                command(Subject.PROPOSAL, p, "revision-requests", shared.staff(p.ward),
                        Map.of("reason", "場所を地図で示してください"), "REVISION_REQUEST", 0);
            }
            case SCHEDULE -> schedule();
            case OPEN -> {
                Item m = take(scheduled);
                m.attendance = 20 + random.nextInt(30);
                Api.Answer a = command(Subject.MEETING, m, "opening", shared.staff(m.ward),
                        Map.of("attendance", m.attendance), null, 0);
                if (a != null && a.ok()) {
                    open.add(m);
                }
            }
            case RESOLUTION -> {
                Item m = pick(open);
                int voting = m.attendance / 2 + 1 + random.nextInt(m.attendance / 2);
                int against = random.nextInt(voting / 2 + 1);
                int abstaining = random.nextInt(voting - against + 1) / 4;
                Api.Answer a = command(Subject.MEETING, m, "resolutions", shared.staff(m.ward),
                        Map.of("motion", "議案第" + (++m.uses) + "号を審議する", "votesFor", voting - against - abstaining,
                                "votesAgainst", against, "abstentions", abstaining), "RESOLUTION", 0);
                forgetUnlessAnswered(a, open, m);
                if (m.uses >= 4) {
                    open.remove(m);
                }
            }
            case LAUNCH -> launch(take(accepted));
            case APPROVE -> {
                Item project = take(launched);
                Api.Answer a = command(Subject.PROJECT, project, "approval", shared.wardHead(),
                        Map.of("reason", "区の課題解決に資するため承認します"), "PROJECT_APPROVAL", 0);
                if (a != null && a.ok()) {
                    approved.add(project);
                }
            }
            case ALLOCATE -> {
                Item project = pick(approved);
                long amount = 10_000L * (10 + random.nextInt(90));
                shared.ledger().allocationAttempted();
                Api.Answer a = command(Subject.PROJECT, project, "budget-allocations", shared.wardHead(),
                        Map.of("amountYen", amount, "reason", "事業費として配分します"), "BUDGET_ALLOCATION", amount);
                shared.ledger().allocationAttempted();
                forgetUnlessAnswered(a, approved, project);
                if (++project.uses >= 3) {
                    approved.remove(project);
                }
            }
            case PROJECT_REPORT -> {
                Item project = pick(approved);
                Api.Answer a = command(Subject.PROJECT, project, "progress-reports", shared.staff(project.ward),
                        Map.of("text", "参加団体と打合せを行いました"), null, 0);
                forgetUnlessAnswered(a, approved, project);
            }
            case REPEAT_KEY -> repeat(mine.get(random.nextInt(mine.size())));
        }
    }

    private void submit() throws InterruptedException {
        String ward = random.nextBoolean() ? shared.budgetWard() : homeWard;
        String key = nextKey("proposal");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ward", ward);
        body.put("title", "駐輪場の増設について（" + key + "）");
        body.put("body", "朝の時間帯に駐輪場が満車になり、歩道に自転車があふれています。");
        body.put("themes", List.of("交通", "まちづくり"));
        body.put("programme", "CITIZEN_PROPOSAL");
        body.put("channel", List.of("COUNTER", "MAIL", "WEB").get(random.nextInt(3)));
        body.put("proposer", Map.of("name", "川崎 花子", "contact", "hanako-" + counter + "@example.jp"));
        create(new Pending(Subject.PROPOSAL, "/api/proposals", "POST /api/proposals", shared.staff(ward), body, key,
                id -> submitted.add(new Item(id, ward))));
    }

    private void schedule() throws InterruptedException {
        String key = nextKey("meeting");
        OffsetDateTime starts = OffsetDateTime.now(ZoneOffset.ofHours(9)).plusDays(7 + random.nextInt(60))
                .truncatedTo(ChronoUnit.HOURS).withHour(18);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", random.nextBoolean() ? "WORKSHOP" : "WARD_ASSEMBLY");
        body.put("ward", homeWard);
        body.put("title", "地域の防災を考えるワークショップ（" + key + "）");
        body.put("startsAt", starts.toString());
        body.put("endsAt", starts.plusHours(2).toString());
        body.put("venue", "区役所 会議室");
        body.put("capacity", 60);
        body.put("publicObservation", true);
        body.put("themes", List.of("防災"));
        create(new Pending(Subject.MEETING, "/api/meetings", "POST /api/meetings", shared.staff(homeWard), body, key,
                id -> scheduled.add(new Item(id, homeWard))));
    }

    private void launch(Item proposal) throws InterruptedException {
        String key = nextKey("project");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ward", shared.budgetWard());
        body.put("fiscalYear", shared.fiscalYear());
        body.put("title", "駐輪場の協働整備（" + key + "）");
        body.put("theme", "交通");
        body.put("programme", "COLLABORATIVE");
        body.put("origin", Map.of("proposalId", proposal.id));
        body.put("leadDepartment", "地域振興課");
        create(new Pending(Subject.PROJECT, "/api/projects", "POST /api/projects", shared.staff(shared.budgetWard()),
                body, key, id -> launched.add(new Item(id, shared.budgetWard()))));
    }

    private void create(Pending creation) throws InterruptedException {
        Api.Answer answer;
        long sent = System.nanoTime();
        try {
            answer = shared.api().post(creation.path(), creation.as(), creation.body(),
                    Map.of("Idempotency-Key", creation.key()));
        } catch (IOException noAnswer) {
            shared.ledger().inDoubt(new Ledger.Doubt(creation.subject(), null, null, 0, creation.route()));
            pending.add(creation);
            return;
        } finally {
            shared.ledger().timed(creation.route(), System.nanoTime() - sent);
        }
        if (answer.status() >= 500) {
            shared.ledger().serverError(creation.route(), answer);
            pending.add(creation);
            return;
        }
        if (answer.status() != 201) {
            shared.ledger().refused(creation.route(), answer);
            return;
        }
        acknowledgeCreation(creation, answer);
        if (random.nextInt(10) == 0) {
            repeat(mine.get(mine.size() - 1));
        }
    }

    private void retry(Pending creation) throws InterruptedException {
        Api.Answer answer;
        try {
            answer = shared.api().post(creation.path(), creation.as(), creation.body(),
                    Map.of("Idempotency-Key", creation.key()));
        } catch (IOException noAnswer) {
            pending.add(creation);
            return;
        }
        if (answer.status() >= 500) {
            shared.ledger().serverError(creation.route(), answer);
            pending.add(creation);
        } else if (answer.status() == 201) {
            acknowledgeCreation(creation, answer);
        } else {
            // the same key and body were refused where the first attempt was valid: never right
            shared.ledger().refused(creation.route() + " (retry)", answer);
            shared.ledger().repeated(new Ledger.Creation(creation.subject(), creation.path(), creation.key(),
                    creation.body(), creation.as(), "(unanswered)"), answer);
        }
    }

    private void acknowledgeCreation(Pending creation, Api.Answer answer) {
        String id = answer.text("id");
        if (answer.version() == null) {
            shared.ledger().unversioned(creation.route(), answer);
        }
        shared.ledger().acknowledged(new Ledger.Ack(creation.subject(), id, answer.version() == null ? 0
                : answer.version(), null, 0, null, creation.route()));
        Ledger.Creation created = new Ledger.Creation(creation.subject(), creation.path(), creation.key(),
                creation.body(), creation.as(), id);
        shared.ledger().created(created);
        mine.add(created);
        creation.onCreated().accept(id);
    }

    /** The same key and body again, as a client that lost the answer: the first answer must come back. */
    private void repeat(Ledger.Creation first) throws InterruptedException {
        try {
            Api.Answer again = shared.api().post(first.path(), first.as(), first.body(),
                    Map.of("Idempotency-Key", first.key()));
            if (again.status() < 500) {
                shared.ledger().repeated(first, again);
            } else {
                shared.ledger().serverError(first.path() + " (repeat)", again);
            }
        } catch (IOException noAnswer) {
            // the server died under the repeat; the final replay of every key covers it
        }
    }

    /**
     * A command on an existing subject.
     *
     * @return the answer, or null when there was none (then the command is in doubt)
     */
    private Api.Answer command(Subject subject, Item item, String action, Api.Account as, Object body,
                               String decision, long amountYen) throws InterruptedException {
        String route = "POST /api/" + subject.collection + "/{id}/" + action;
        Api.Answer answer;
        long sent = System.nanoTime();
        try {
            answer = shared.api().post("/api/" + subject.collection + "/" + item.id + "/" + action, as, body, Map.of());
        } catch (IOException noAnswer) {
            shared.ledger().inDoubt(new Ledger.Doubt(subject, item.id, decision, amountYen, route));
            return null;
        } finally {
            shared.ledger().timed(route, System.nanoTime() - sent);
        }
        if (answer.ok() && answer.version() == null) {
            shared.ledger().unversioned(route, answer);
            shared.ledger().inDoubt(new Ledger.Doubt(subject, item.id, decision, amountYen, route));
            return null;
        } else if (answer.ok()) {
            String added = answer.text("resolutionId") != null ? answer.text("resolutionId") : answer.text("allocationId");
            shared.ledger().acknowledged(new Ledger.Ack(subject, item.id, answer.version(), decision, amountYen, added,
                    route));
        } else if (answer.status() >= 500) {
            shared.ledger().serverError(route, answer);
            shared.ledger().inDoubt(new Ledger.Doubt(subject, item.id, decision, amountYen, route));
            return null;
        } else {
            shared.ledger().refused(route, answer);
        }
        return answer;
    }

    /** A subject whose last command went unanswered is in an unknown state: this client leaves it. */
    private static void forgetUnlessAnswered(Api.Answer answer, List<Item> from, Item item) {
        if (answer == null) {
            from.remove(item);
        }
    }

    private Item take(List<Item> from) {
        return from.remove(random.nextInt(from.size()));
    }

    private Item pick(List<Item> from) {
        return from.get(random.nextInt(from.size()));
    }

    private String nextKey(String what) {
        return shared.runId() + "-c" + number + "-" + what + "-" + (++counter);
    }
}
