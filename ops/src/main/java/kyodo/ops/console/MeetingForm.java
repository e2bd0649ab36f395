package kyodo.ops.console;

import kyodo.command.meeting.web.MeetingCommandBodies;
import kyodo.kernel.FiscalYear;
import org.springframework.util.MultiValueMap;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * A meeting form's fields read as the JSON API gets them: an empty field is absent, a list is one
 * entry per line, a time is the browser's local date and time in Tokyo, where the city's meetings are
 * held. A value that cannot be read at all is noted in the form's errors; everything else is left to
 * the API's constraints.
 */
final class MeetingForm {

    /** The prefix of a registrant's field in the attendance roll. */
    static final String MARK = "mark-";

    private final MultiValueMap<String, String> fields;
    private final FormErrors errors;

    MeetingForm(MultiValueMap<String, String> fields, FormErrors errors) {
        this.fields = fields;
        this.errors = errors;
    }

    /** A text field, or null when left empty (an optional field stays unset). */
    String text(String name) {
        String value = fields.getFirst(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Every value of a repeated field (checkboxes), in order. */
    List<String> all(String name) {
        return fields.getOrDefault(name, List.of()).stream().filter(v -> !v.isEmpty()).toList();
    }

    /** A textarea with one entry per line; blank lines are skipped; null when there is none. */
    List<String> lines(String name) {
        String value = fields.getFirst(name);
        List<String> lines = value == null ? List.of()
                : Arrays.stream(value.split("\r?\n")).filter(line -> !line.isBlank()).map(String::strip).toList();
        return lines.isEmpty() ? null : lines;
    }

    /** The attendance marks of a roll: each non-empty field {@code mark-<registrant id>}, in the form's order. */
    List<MeetingCommandBodies.Mark> marks() {
        return fields.entrySet().stream()
                .filter(field -> field.getKey().startsWith(MARK) && !field.getValue().isEmpty()
                        && !field.getValue().get(0).isEmpty())
                .map(field -> new MeetingCommandBodies.Mark(field.getKey().substring(MARK.length()),
                        field.getValue().get(0)))
                .toList();
    }

    /** A whole number, or null when left empty. */
    Integer number(String name) {
        return errors.wholeNumber(fields.toSingleValueMap(), name);
    }

    /** A checkbox: whether it was ticked. */
    boolean ticked(String name) {
        return fields.containsKey(name);
    }

    /** A {@code datetime-local} field ({@code 2025-09-19T13:00}) as that moment in Tokyo, or null when empty. */
    OffsetDateTime tokyoTime(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.parse(value.strip());
            return local.atZone(FiscalYear.TOKYO).toOffsetDateTime();
        } catch (DateTimeParseException unreadable) {
            errors.add(name, "DateTime");
            return null;
        }
    }
}
