package kyodo.command.web.validation;

/** Bounds that bodies of more than one feature share. */
public final class Limits {

    /** Up to ¥1兆: more than any ward budget, small enough to never overflow a sum. */
    public static final long MAX_YEN = 1_000_000_000_000L;

    private Limits() {
    }
}
