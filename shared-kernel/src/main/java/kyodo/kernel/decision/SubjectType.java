package kyodo.kernel.decision;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a decision, or a public history, is about. On the wire: {@code proposal}, {@code meeting}, … */
public enum SubjectType {
    PROPOSAL, MEETING, PROJECT, WARD_BUDGET;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<SubjectType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code().equals(code)).findFirst();
    }

    @JsonCreator
    static SubjectType ofCode(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown subject type: " + code));
    }
}
