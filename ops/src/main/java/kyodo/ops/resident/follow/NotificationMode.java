package kyodo.ops.resident.follow;

import java.util.Optional;

/** How a resident wants to be told: a mail per event at once, or one mail a day with all of them. */
public enum NotificationMode {
    IMMEDIATE, DIGEST;

    static Optional<NotificationMode> fromName(String name) {
        for (NotificationMode mode : values()) {
            if (mode.name().equalsIgnoreCase(String.valueOf(name).strip())) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
