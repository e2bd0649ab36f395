package kyodo.ops.console.project;

import kyodo.command.project.web.ProjectCommandBodies;
import kyodo.kernel.Ward;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.proposal.ProposalStatus;
import kyodo.ops.console.FormErrors;
import kyodo.query.listing.ListParameters;
import kyodo.query.meeting.MeetingListQuery;
import kyodo.query.meeting.MeetingStatus;
import kyodo.query.meeting.MeetingViews;
import kyodo.query.meeting.MeetingViews.MeetingListItem;
import kyodo.query.proposal.ProposalListQuery;
import kyodo.query.proposal.ProposalViews;
import kyodo.query.proposal.ProposalViews.ProposalListItem;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a project can be launched from, for the launch form to offer (so staff choose from what exists rather
 * than type ids): the accepted proposals of the ward, and the adopted resolutions of the meetings held for the
 * ward, its district or the city, latest first. The Project aggregate still checks the chosen origin.
 */
@Component
class LaunchOrigins {

    static final String PROPOSAL = "proposal:";
    static final String RESOLUTION = "resolution:";

    /** How many recent meetings of each place and status are searched for adopted resolutions. */
    static final int RECENT_MEETINGS = 20;

    private final ProposalViews proposals;
    private final MeetingViews meetings;

    LaunchOrigins(ProposalViews proposals, MeetingViews meetings) {
        this.proposals = proposals;
        this.meetings = meetings;
    }

    /** An adopted resolution: its meeting, the motion, and the form's value for it. */
    record AdoptedResolution(String meetingId, String meetingTitle, String resolutionId, String motion) {

        String value() {
            return RESOLUTION + meetingId + "/" + resolutionId;
        }
    }

    /** The latest accepted proposals of the ward (of the city: null), up to a list's page. Blocking. */
    List<ProposalListItem> acceptedProposals(Ward ward) {
        Map<String, List<String>> params = params(ward == null ? null : "ward", ward == null ? null : ward.code());
        params.put("status", List.of(ProposalStatus.ACCEPTED.name()));
        params.put("sort", List.of("-submittedAt"));
        return proposals.list(ProposalListQuery.parse(params)).items();
    }

    /** The adopted resolutions of the recent meetings held for the ward (of the city: null), latest first. Blocking. */
    List<AdoptedResolution> adoptedResolutions(Ward ward) {
        Map<String, MeetingListItem> held = new LinkedHashMap<>();
        for (MeetingStatus status : List.of(MeetingStatus.OPEN, MeetingStatus.CLOSED)) {
            if (ward == null) {
                recent(status, null, null).forEach(m -> held.put(m.id(), m));
            } else {
                recent(status, "ward", ward.code()).forEach(m -> held.put(m.id(), m));
                recent(status, "district", ward.district().code()).forEach(m -> held.put(m.id(), m));
                recent(status, null, null).stream().filter(m -> m.ward() == null && m.district() == null)
                        .forEach(m -> held.put(m.id(), m));
            }
        }
        List<AdoptedResolution> adopted = new ArrayList<>();
        held.values().forEach(m -> meetings.find(m.id()).map(meetings::publicView).ifPresent(view ->
                view.resolutions().stream()
                        .filter(r -> DecisionOutcome.ADOPTED.name().equals(r.outcome()))
                        .forEach(r -> adopted.add(new AdoptedResolution(m.id(), m.title(), r.resolutionId(),
                                r.motion())))));
        return adopted;
    }

    /**
     * The origin the launch form's choice names: {@code proposal:<id>}, {@code resolution:<meetingId>/<id>},
     * or null when empty (the department's own initiative); anything else is noted as an error of the field.
     */
    static ProjectCommandBodies.Origin origin(String choice, FormErrors errors) {
        if (choice == null || choice.isEmpty()) {
            return null;
        }
        if (choice.startsWith(PROPOSAL)) {
            return new ProjectCommandBodies.Origin(choice.substring(PROPOSAL.length()), null, null);
        }
        String[] ids = choice.startsWith(RESOLUTION) ? choice.substring(RESOLUTION.length()).split("/", -1)
                : new String[0];
        if (ids.length != 2) {
            errors.add("origin", "Pattern");
            return null;
        }
        return new ProjectCommandBodies.Origin(null, ids[0], ids[1]);
    }

    private List<MeetingListItem> recent(MeetingStatus status, String place, String code) {
        Map<String, List<String>> params = params(place, code);
        params.put("status", List.of(status.name()));
        params.put("size", List.of(Integer.toString(RECENT_MEETINGS)));
        return meetings.list(MeetingListQuery.parse(params)).items();
    }

    private static Map<String, List<String>> params(String place, String code) {
        Map<String, List<String>> params = new HashMap<>();
        params.put("size", List.of(Integer.toString(ListParameters.MAX_SIZE)));
        if (place != null) {
            params.put(place, List.of(code));
        }
        return params;
    }
}
