package kyodo.query.platform.segments;

import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This query process's share of each processing group's segments (ADR 27), as the cap its pooled processors
 * ask for before they claim or release. Axon's coordinator releases what a processor holds beyond the cap
 * and claims free or expired segments up to it, every token claim interval; the balancer only moves the cap.
 * At each {@link #beat()} it writes this process's heartbeat with what it holds, counts the live processes
 * and sets each group's cap to its {@link FairShare}. A peer that stops beating drops out of the count, the
 * caps of the rest rise, and they claim its segments once its claims expire. Which process handles an event
 * is still decided by the token store's claims alone: a stale or wrong cap delays a segment, never lets two
 * processes handle it.
 */
public final class SegmentBalancer implements MaxSegmentProvider {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentBalancer.class);
    /** Each restart is a new process: heartbeats older than this are deleted when a process joins. */
    private static final Duration FORGOTTEN_AFTER = Duration.ofHours(1);
    /** Before the first count, and for a group whose segments do not exist yet: Axon's default, no cap. */
    private static final int UNCAPPED = Short.MAX_VALUE;

    /** What the balancer reads of this process's processors. */
    public interface Processors {

        /** Segments of the group this process's processor holds now. */
        int held(String group);

        /** Segments the group has in its token store; 0 before its processor initialised them. */
        int segments(String group);
    }

    private final QueryProcesses processes;
    private final String process;
    private final Duration peerTimeout;
    private final Clock clock;
    private final Processors processors;
    private final Set<String> groups = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Integer> caps = Map.of();
    private Set<String> lastAlive = Set.of();
    private boolean failing;

    SegmentBalancer(QueryProcesses processes, String process, Duration peerTimeout, Clock clock,
                    Processors processors) {
        this.processes = processes;
        this.process = process;
        this.peerTimeout = peerTimeout;
        this.clock = clock;
        this.processors = processors;
    }

    /** Called by each group's coordinator before it claims or releases: the groups it names are balanced. */
    @Override
    public int getMaxSegments(String group) {
        groups.add(group);
        return caps.getOrDefault(group, UNCAPPED);
    }

    /** Joins the count: forgets the heartbeats of processes long gone, then beats. */
    void join() {
        try {
            processes.forgetBefore(clock.millis() - FORGOTTEN_AFTER.toMillis());
        } catch (RuntimeException e) {
            LOG.debug("Could not forget old heartbeats; trying again at the next start", e);
        }
        beat();
    }

    /**
     * Writes the heartbeat, recounts the live processes and sets each group's cap. A read store that cannot
     * be reached leaves the caps as they were (the processors cannot work then either), said once.
     */
    synchronized void beat() {
        try {
            long now = clock.millis();
            Map<String, Integer> heldHere = new TreeMap<>();
            groups.forEach(group -> heldHere.put(group, processors.held(group)));
            processes.beat(process, now, heldHere);
            Map<String, Map<String, Integer>> alive = processes.aliveSince(now - peerTimeout.toMillis());
            // this process is alive whatever the store returned, and holds what it holds now
            alive.put(process, heldHere);
            Map<String, Integer> next = new HashMap<>();
            for (String group : groups) {
                int segments = processors.segments(group);
                if (segments > 0) {
                    Map<String, Integer> held = new HashMap<>();
                    alive.forEach((peer, itsGroups) -> held.put(peer, itsGroups.getOrDefault(group, 0)));
                    next.put(group, FairShare.of(segments, process, held));
                }
            }
            caps = Map.copyOf(next);
            announce(alive.keySet());
            if (failing) {
                failing = false;
                LOG.info("The query processes' heartbeats are written again; segments are shared among {} process(es)",
                        alive.size());
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("Cannot write or read the query processes' heartbeats in the read store ({}); each process "
                        + "keeps the share of segments it had", e.toString());
            }
        }
    }

    /** This process stops: its heartbeat goes, so the others take its segments as soon as it releases them. */
    synchronized void leave() {
        try {
            processes.leave(process);
        } catch (RuntimeException e) {
            LOG.debug("Could not remove the heartbeat of {}: the others count it gone after the timeout", process, e);
        }
    }

    /** The caps set by the last beat, by group (for the tests). */
    Map<String, Integer> caps() {
        return new TreeMap<>(caps);
    }

    private void announce(Set<String> alive) {
        if (!alive.equals(lastAlive)) {
            LOG.info("{} query process(es) share the projections' segments: {} (this one: {})", alive.size(),
                    String.join(", ", new TreeSet<>(alive)), process);
            lastAlive = Set.copyOf(alive);
        }
    }
}
