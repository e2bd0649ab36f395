package kyodo.ops.console;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A form of a subject's console page (a proposal's, a meeting's, a project's), each the browser's way to
 * one command of the JSON API. Its slug is the last segment of the form's URL, the prefix of its fields'
 * ids and messages and the page's {@code ?done=} after it was sent; the subject's status decides whether
 * the page offers it (the command side still decides what is allowed). The pages look their forms up
 * here, all in the same way.
 */
public interface ConsoleAction {

    /** The constant's name, as every enum has it. */
    String name();

    /** The form's name in URLs, ids and messages: the constant's name in lower case, words joined by hyphens. */
    default String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the page offers the form for a subject in that status. */
    boolean offeredIn(String status);

    /** The form with that slug, if the page has one. */
    static <A extends Enum<A> & ConsoleAction> Optional<A> find(Class<A> forms, String slug) {
        return Arrays.stream(forms.getEnumConstants()).filter(a -> a.slug().equals(slug)).findFirst();
    }

    /** The form a post names; a slug that names none is 404, as any path that names nothing. */
    static <A extends Enum<A> & ConsoleAction> A named(Class<A> forms, String slug, String subject) {
        return find(forms, slug).orElseThrow(() -> new KyodoProblemException(CommonProblems.NOT_FOUND,
                "No such action on a " + subject + "."));
    }

    /** The form the page says was just sent ({@code ?done=} after the redirect): its slug, or null for none. */
    static <A extends Enum<A> & ConsoleAction> String done(Class<A> forms, String done) {
        return find(forms, done == null ? "" : done).map(ConsoleAction::slug).orElse(null);
    }

    /** The slugs of the forms the page offers for a subject in that status, in the forms' order. */
    static <A extends Enum<A> & ConsoleAction> List<A> offered(Class<A> forms, String status) {
        return Arrays.stream(forms.getEnumConstants()).filter(a -> a.offeredIn(status)).toList();
    }

    /** The slugs of the forms, as the page's model lists them. */
    static List<String> slugs(List<? extends ConsoleAction> forms) {
        return forms.stream().map(ConsoleAction::slug).toList();
    }
}
