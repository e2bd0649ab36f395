package kyodo.query.platform.store.embedded;

/**
 * Counts what an {@link IndexBuild} wrote, and commits after every so many entries (a build that runs
 * alone, {@link EmbeddedCollection#finishDeferredAlone}); postings numbers count by their weight
 * ({@link IndexBuild#POSTINGS_PER_ENTRY}).
 */
final class BuildCommits {

    private final int perCommit;
    private final Runnable commit;
    private long since;
    private int postings;

    /** The commit for builds that run side by side: taken by one of them at a time. */
    static Runnable oneAtATime(Runnable commit) {
        Object commits = new Object();
        return () -> {
            synchronized (commits) {
                commit.run();
            }
        };
    }

    /** @param perCommit entries between two commits ({@link Integer#MAX_VALUE}: the caller commits) */
    BuildCommits(int perCommit, Runnable commit) {
        this.perCommit = perCommit;
        this.commit = commit;
    }

    void count(int entries) {
        since += entries;
        if (since >= perCommit) {
            since = 0;
            commit.run();
        }
    }

    /** Postings numbers written. */
    void countPostings(int numbers) {
        postings += numbers;
        if (postings >= IndexBuild.POSTINGS_PER_ENTRY) {
            int entries = postings / IndexBuild.POSTINGS_PER_ENTRY;
            postings -= entries * IndexBuild.POSTINGS_PER_ENTRY;
            count(entries);
        }
    }

    /** Commits what was written since the last commit, if anything was. */
    void commitIfAny() {
        if (since > 0 || postings > 0) {
            since = 0;
            postings = 0;
            commit.run();
        }
    }
}
