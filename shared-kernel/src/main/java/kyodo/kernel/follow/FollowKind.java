package kyodo.kernel.follow;

import java.util.Locale;
import java.util.Optional;

/** What a resident can follow: one proposal, meeting or project, or everything of a whole ward. */
public enum FollowKind {
    PROPOSAL, MEETING, PROJECT, WARD;

    /** The kind named in a form or a link ({@code proposal}, {@code ward} …), if it is one. */
    public static Optional<FollowKind> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (FollowKind kind : values()) {
            if (kind.name().equalsIgnoreCase(name.strip())) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The name forms and links use. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }
}
