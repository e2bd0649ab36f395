package kyodo.ops.resident.follow;

import kyodo.kernel.EmbeddedFiles;
import kyodo.kernel.follow.FollowKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The view of followed targets that lets the notifier skip what nobody follows: it follows every
 * follow and unfollow, survives a restart, and sees follows another process wrote to a shared store.
 */
class FollowsTest {

    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    @TempDir
    Path dir;

    private final List<Follows> opened = new ArrayList<>();

    private Follows open() {
        Follows follows = new Follows(EmbeddedFiles.url(dir.resolve("follows")));
        opened.add(follows);
        return follows;
    }

    @AfterEach
    void close() {
        opened.forEach(Follows::close);
    }

    @Test
    void aTargetIsFollowedWhileSomeoneFollowsIt() {
        Follows follows = open();
        assertThat(follows.followed(FollowKind.PROPOSAL, "p1")).isFalse();
        follows.start("anna", FollowKind.PROPOSAL, "p1", AT);
        follows.start("ken", FollowKind.PROPOSAL, "p1", AT);
        follows.start("ken", FollowKind.PROPOSAL, "p1", AT); // re-delivered: still two followers
        follows.end("anna", FollowKind.PROPOSAL, "p1");
        assertThat(follows.followed(FollowKind.PROPOSAL, "p1")).isTrue();
        assertThat(follows.followed(FollowKind.MEETING, "p1")).isFalse();
        follows.end("ken", FollowKind.PROPOSAL, "p1");
        assertThat(follows.followed(FollowKind.PROPOSAL, "p1")).isFalse();
    }

    @Test
    void onlyThoseWhoFollowedByAnEventsTimeAreItsFollowers() {
        Follows follows = open();
        follows.start("anna", FollowKind.PROPOSAL, "p1", AT);
        follows.start("ken", FollowKind.WARD, "saiwai", AT.plusSeconds(60));
        follows.start("mei", FollowKind.PROPOSAL, "p1", AT.plusSeconds(120));

        // an event from before ken and mei followed, handled only now by a notifier that was behind
        assertThat(follows.followersOf(FollowKind.PROPOSAL, "p1", "saiwai", AT.plusSeconds(30)))
                .containsExactly("anna");
        assertThat(follows.followersOf(FollowKind.PROPOSAL, "p1", "saiwai", AT.plusSeconds(60)))
                .containsExactlyInAnyOrder("anna", "ken");
        assertThat(follows.followersOf(FollowKind.PROPOSAL, "p1", "saiwai", AT.plusSeconds(600)))
                .containsExactlyInAnyOrder("anna", "ken", "mei");
    }

    @Test
    void wardsAreCountedSoASubjectsWardIsLookedUpOnlyWhenOneIsFollowed() {
        Follows follows = open();
        follows.start("anna", FollowKind.PROPOSAL, "p1", AT);
        assertThat(follows.anyWardFollowed()).isFalse();
        follows.start("anna", FollowKind.WARD, "kawasaki", AT);
        follows.start("ken", FollowKind.WARD, "kawasaki", AT);
        follows.start("ken", FollowKind.WARD, "saiwai", AT);
        follows.end("ken", FollowKind.WARD, "kawasaki");
        follows.end("ken", FollowKind.WARD, "saiwai");
        assertThat(follows.anyWardFollowed()).isTrue();
        assertThat(follows.followed(FollowKind.WARD, "kawasaki")).isTrue();
        assertThat(follows.followed(FollowKind.WARD, "saiwai")).isFalse();
        follows.forget("anna");
        assertThat(follows.anyWardFollowed()).isFalse();
        assertThat(follows.followed(FollowKind.PROPOSAL, "p1")).isFalse();
        assertThat(follows.followed(FollowKind.WARD, "kawasaki")).isFalse();
    }

    @Test
    void theViewIsLoadedAgainAfterARestart() {
        Follows before = open();
        before.start("anna", FollowKind.MEETING, "m1", AT);
        before.start("ken", FollowKind.WARD, "nakahara", AT);
        before.close();
        opened.remove(before);

        Follows after = open();
        assertThat(after.followed(FollowKind.MEETING, "m1")).isTrue();
        assertThat(after.followed(FollowKind.WARD, "nakahara")).isTrue();
        assertThat(after.anyWardFollowed()).isTrue();
        assertThat(after.followed(FollowKind.PROJECT, "j1")).isFalse();
    }

    @Test
    void followsAnotherProcessWroteAreSeenAfterCatchingUp() {
        Follows notifier = open();
        Follows other = open(); // a second writer of the same store, as another process with a shared store-url
        notifier.start("anna", FollowKind.PROPOSAL, "p1", AT);
        other.start("ken", FollowKind.PROJECT, "j1", AT);
        other.end("anna", FollowKind.PROPOSAL, "p1");
        assertThat(notifier.followed(FollowKind.PROJECT, "j1")).isFalse();
        notifier.catchUp();
        assertThat(notifier.followed(FollowKind.PROJECT, "j1")).isTrue();
        assertThat(notifier.followed(FollowKind.PROPOSAL, "p1")).isFalse();
        // its own change after another's: the whole view is read again, not only its own target
        other.start("ken", FollowKind.WARD, "tama", AT);
        notifier.start("anna", FollowKind.MEETING, "m1", AT);
        assertThat(notifier.followed(FollowKind.WARD, "tama")).isTrue();
        assertThat(notifier.followed(FollowKind.MEETING, "m1")).isTrue();
    }
}
