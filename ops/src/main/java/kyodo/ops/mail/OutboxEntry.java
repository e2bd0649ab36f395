package kyodo.ops.mail;

import java.time.Instant;

/**
 * One line of the ADMIN's outbox list: a message waiting (queued, or failing with its tries and next
 * try) or one sent. Never an address in clear: a waiting message shows it masked, a sent one not at
 * all (it was deleted with the message).
 *
 * @param id          the outbox's id (the {@code .eml} file's name on the embedded default)
 * @param maskedTo    the address masked ({@code h…@e…}), or null once sent
 * @param subject     the subject line
 * @param createdAt   when it was queued
 * @param attempts    failed tries while waiting; all tries once sent
 * @param nextAttempt when it is tried next, or null once sent
 * @param lastFailure the kind of the last failure, or null
 * @param sentAt      when it went out, or null while waiting
 */
public record OutboxEntry(String id, String maskedTo, String subject, Instant createdAt, int attempts,
                          Instant nextAttempt, String lastFailure, Instant sentAt) {

    public enum State { QUEUED, FAILING, SENT }

    public State state() {
        return sentAt != null ? State.SENT : attempts > 0 ? State.FAILING : State.QUEUED;
    }

    /** The first character of the address's local part and of its domain: enough to tell two apart, not to read one. */
    static String mask(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return "…";
        }
        return address.charAt(0) + "…@" + address.charAt(at + 1) + "…";
    }

    @Override
    public String toString() {
        return "OutboxEntry[" + id + ", " + state() + "]";
    }
}
