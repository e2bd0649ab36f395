package kyodo.ops.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which paths count against the anonymous rate limit: the public JSON reads and the portal's pages. */
class RateLimitFilterTest {

    @Test
    void thePublicReadsAndThePortalsPagesCountTheirStaticFilesAndTheApiDoNot() {
        assertThat(RateLimitFilter.isPublic("/public")).isTrue();
        assertThat(RateLimitFilter.isPublic("/public/proposals")).isTrue();
        assertThat(RateLimitFilter.isPublic("/")).isTrue();
        assertThat(RateLimitFilter.isPublic("/proposals")).isTrue();
        assertThat(RateLimitFilter.isPublic("/proposals/p-1")).isTrue();
        assertThat(RateLimitFilter.isPublic("/accessibility")).isTrue();
        assertThat(RateLimitFilter.isPublic("/projects/x-1")).isTrue();
        assertThat(RateLimitFilter.isPublic("/budgets/saiwai/2024")).isTrue();
        assertThat(RateLimitFilter.isPublic("/decisions/12")).isTrue();

        assertThat(RateLimitFilter.isPublic("/publicity")).isFalse();
        assertThat(RateLimitFilter.isPublic("/portal/portal.css")).isFalse();
        assertThat(RateLimitFilter.isPublic("/api/proposals")).isFalse();
        assertThat(RateLimitFilter.isPublic("/proposals/p-1/extra")).isFalse();
        assertThat(RateLimitFilter.isPublic("/budgets/saiwai")).isFalse();
        // the staff console: signed-in staff, often many behind one ward office's address
        assertThat(RateLimitFilter.isPublic("/console")).isFalse();
        assertThat(RateLimitFilter.isPublic("/console/proposals/p-1")).isFalse();
    }
}
