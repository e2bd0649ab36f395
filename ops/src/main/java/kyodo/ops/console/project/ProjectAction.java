package kyodo.ops.console.project;

import kyodo.command.project.ApproveProject;
import kyodo.command.project.RecordAllocation;
import kyodo.command.project.web.ProjectCommandBodies;
import kyodo.ops.console.ConsoleAction;
import kyodo.ops.console.FormErrors;
import kyodo.ops.console.FormPosts;
import org.springframework.util.MultiValueMap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forms of a project's console page, each the browser's way to one command of the JSON API
 * ({@code ProjectCommandController}): the form's fields are read into the API's own body record (so the
 * same input is refused alike) and the body becomes the same command. {@link #offeredIn} and
 * {@link #command} only decide which forms a page shows (approval and allocation to the roles that may
 * send them); the command side still decides what is allowed.
 */
enum ProjectAction implements ConsoleAction {

    PARTNER(Open.STATUSES, null, (form, errors) ->
            new ProjectCommandBodies.Partner(text(form, "name"), text(form, "type"), text(form, "role"))),
    AGREEMENT(Open.STATUSES, null, (form, errors) -> new ProjectCommandBodies.Agreement(text(form, "title"),
            form.getOrDefault("partyIds", List.of()).stream().filter(p -> !p.isEmpty()).toList(),
            errors.date(form.toSingleValueMap(), "signedOn"))),
    APPROVAL(Set.of("LAUNCHED"), ApproveProject.class, (form, errors) ->
            new ProjectCommandBodies.Approval(text(form, "reason"))),
    /** Sent through {@code BudgetAllocations}, which reserves on the ward budget first (ADR 9). */
    ALLOCATION(Set.of("APPROVED"), RecordAllocation.class, (form, errors) ->
            new ProjectCommandBodies.Allocation(errors.longNumber(form.toSingleValueMap(), "amountYen"),
                    text(form, "reason"))),
    EXPENDITURE(Set.of("APPROVED"), null, (form, errors) ->
            new ProjectCommandBodies.Expenditure(errors.longNumber(form.toSingleValueMap(), "amountYen"),
                    text(form, "description"), errors.date(form.toSingleValueMap(), "spentOn"))),
    TARGET(Open.STATUSES, null, ProjectAction::target),
    ACTUAL(Open.STATUSES, null, (form, errors) -> new ProjectCommandBodies.Actual(text(form, "target"),
            errors.wholeNumber(form.toSingleValueMap(), "fiscalYear"), errors.longNumber(form.toSingleValueMap(), "value"))),
    PROGRESS(Open.STATUSES, null, (form, errors) -> new ProjectCommandBodies.Text(text(form, "text"))),
    EVALUATION(Open.STATUSES, null, (form, errors) ->
            new ProjectCommandBodies.Evaluation(errors.wholeNumber(form.toSingleValueMap(), "rating"), text(form, "text"))),
    COMPLETION(Open.STATUSES, null, (form, errors) -> new ProjectCommandBodies.Summary(text(form, "summary"))),
    TERMINATION(Open.STATUSES, null, (form, errors) ->
            new ProjectCommandBodies.Termination(text(form, "reason")));

    /** Most actions are taken while the project is open: launched or approved (an enum's constants come first). */
    private static final class Open {
        static final Set<String> STATUSES = Set.of("LAUNCHED", "APPROVED");
    }

    /** A target's value for a fiscal year: the field {@code year-2025}. */
    static final Pattern TARGET_YEAR = Pattern.compile("year-([0-9]{4})");

    private final Set<String> offeredIn;
    private final Class<?> command;
    private final BiFunction<MultiValueMap<String, String>, FormErrors, Object> body;

    ProjectAction(Set<String> offeredIn, Class<?> command,
                  BiFunction<MultiValueMap<String, String>, FormErrors, Object> body) {
        this.offeredIn = offeredIn;
        this.command = command;
        this.body = body;
    }

    /** The form's fields as the API's body record; unreadable values are noted in {@code errors}. */
    Object body(MultiValueMap<String, String> form, FormErrors errors) {
        return body.apply(form, errors);
    }

    @Override
    public boolean offeredIn(String status) {
        return offeredIn.contains(status);
    }

    /** The command whose permission decides whether the form is shown to a role, or empty: any staff's daily work. */
    Optional<Class<?>> command() {
        return Optional.ofNullable(command);
    }

    /** A target and its value for each fiscal year given (the fields {@code year-<fiscal year>}). */
    private static Object target(MultiValueMap<String, String> form, FormErrors errors) {
        Map<String, String> fields = form.toSingleValueMap();
        Map<Integer, Long> byYear = new LinkedHashMap<>();
        fields.keySet().stream().sorted().forEach(name -> {
            Matcher year = TARGET_YEAR.matcher(name);
            Long value = year.matches() ? errors.longNumber(fields, name) : null;
            if (value != null) {
                byYear.put(Integer.valueOf(year.group(1)), value);
            }
        });
        return new ProjectCommandBodies.Target(text(form, "name"), text(form, "unit"),
                errors.longNumber(fields, "baseline"), byYear);
    }

    /** A text field as the JSON API gets it: absent when left empty (an optional field stays unset). */
    private static String text(MultiValueMap<String, String> form, String name) {
        return FormPosts.text(form.toSingleValueMap(), name);
    }
}
