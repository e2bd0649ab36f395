package kyodo.ops.resident.follow;

import kyodo.kernel.follow.FollowKind;

import java.time.Instant;

/**
 * Something that happened to a followed thing, as a notification tells it: all public facts.
 *
 * @param kind     what kind of thing it happened to
 * @param targetId which one
 * @param what     what happened ({@code follow.what.<what>} in the bundle)
 * @param detail   the public text that goes with it (a reason, an update, a motion), or null
 * @param at       when it happened
 */
record Change(FollowKind kind, String targetId, String what, String detail, Instant at) {
}
