package kyodo.ops;

import java.util.ArrayList;
import java.util.List;

/**
 * Every command route of docs/api.md with a valid body for it, so the corpus can break one
 * thing at a time. Sub-resource routes target subjects that exist, so a request is refused for what
 * is wrong with it, not merely for an unknown id.
 *
 * @param method     POST or PUT
 * @param pathPrefix the path before the id (the id is appended, then {@code suffix}); for a creation the whole path
 * @param id         the subject's id, null for a creation
 * @param suffix     the sub-resource, e.g. {@code /decision}
 * @param validBody  a body the route would accept, as JSON
 */
record CommandRoutes(String method, String pathPrefix, String id, String suffix, String validBody) {

    boolean creates() {
        return id == null;
    }

    String path(String withId) {
        return withId == null ? pathPrefix : pathPrefix + withId + suffix;
    }

    String path() {
        return path(id);
    }

    static List<CommandRoutes> all(String proposalId, String meetingId, String projectId) {
        List<CommandRoutes> routes = new ArrayList<>();
        routes.add(create("/api/proposals", """
                {"ward": "saiwai", "title": "駅前の駐輪場を増やしてほしい", "body": "朝は満車です。",
                 "themes": ["交通", "まちづくり"], "programme": "CITIZEN_PROPOSAL", "channel": "COUNTER",
                 "proposer": {"name": "川崎テスト太郎", "contact": "taro@example.jp"}}"""));
        String p = "/api/proposals/";
        routes.add(on(p, proposalId, "/acknowledgement", "{\"department\": \"地域振興課\", \"responseDueDays\": 30}"));
        routes.add(on(p, proposalId, "/progress-updates", "{\"text\": \"現地を確認しました\"}"));
        routes.add(on(p, proposalId, "/revision-requests", "{\"reason\": \"場所を具体的に\"}"));
        routes.add(on(p, proposalId, "/revisions", "{\"title\": \"新しい題\", \"body\": \"新しい本文\"}"));
        routes.add(on(p, proposalId, "/referral", "{\"meetingId\": \"" + meetingId + "\", \"reason\": \"審議\"}"));
        routes.add(on(p, proposalId, "/referral-withdrawal", "{\"reason\": \"会議が延期されたため\"}"));
        routes.add(on(p, proposalId, "/decision",
                "{\"outcome\": \"ACCEPTED\", \"reason\": \"実施します\", \"conditions\": \"予算の範囲で\"}"));
        routes.add(on(p, proposalId, "/withdrawal", "{\"reason\": \"取り下げ\"}"));

        routes.add(create("/api/meetings", """
                {"kind": "WARD_ASSEMBLY", "ward": "saiwai", "title": "幸区区民会議", "startsAt": "2025-09-19T13:00:00+09:00",
                 "endsAt": "2025-09-19T16:30:00+09:00", "venue": "幸区役所", "capacity": 30, "publicObservation": true,
                 "themes": ["交通", "防災"], "term": 8, "session": 3}"""));
        String m = "/api/meetings/";
        routes.add(on(m, meetingId, "/agenda", """
                {"items": [{"title": "駐輪場", "lead": "座長", "discussionPoints": ["台数"], "preparation": ["調査"]}]}"""));
        routes.add(on(m, meetingId, "/rescheduling", """
                {"startsAt": "2025-09-20T13:00:00+09:00", "endsAt": "2025-09-20T16:00:00+09:00", "reason": "台風"}"""));
        routes.add(on(m, meetingId, "/cancellation", "{\"reason\": \"台風\"}"));
        routes.add(on(m, meetingId, "/registrations",
                "{\"participant\": {\"name\": \"参加者\", \"affiliation\": \"町内会\", \"nominatedBy\": \"町内会\"}}"));
        routes.add(on(m, meetingId, "/opening", "{\"attendance\": 20}"));
        routes.add(on(m, meetingId, "/attendance",
                "{\"marks\": [{\"registrantId\": \"r-1\", \"status\": \"PRESENT\"}]}"));
        routes.add(on(m, meetingId, "/groups", "{\"number\": 1, \"theme\": \"交通\"}"));
        routes.add(on(m, meetingId, "/opinions", "{\"group\": 1, \"theme\": \"交通\", \"text\": \"意見\", "
                + "\"related\": [\"駐輪場\"], \"proposalId\": \"" + proposalId + "\"}"));
        routes.add(on(m, meetingId, "/resolutions", "{\"motion\": \"採択\", \"proposalId\": \"" + proposalId
                + "\", \"proposalOutcome\": \"ACCEPTED\", \"votesFor\": 10, \"votesAgainst\": 2, \"abstentions\": 1}"));
        routes.add(on(m, meetingId, "/closing", "{\"attendance\": 20}"));
        routes.add(on(m, meetingId, "/minutes", "{\"text\": \"議事録\"}"));
        routes.add(on(m, meetingId, "/feedback", "{\"group\": \"町内会\", \"text\": \"ありがとうございました\"}"));

        routes.add(create("/api/projects", "{\"ward\": \"saiwai\", \"fiscalYear\": 2025, \"title\": \"駐輪場の拡張\", "
                + "\"theme\": \"交通\", \"programme\": \"WARD_LOCAL_ISSUE\", \"origin\": {\"proposalId\": \""
                + proposalId + "\"}, \"leadDepartment\": \"地域振興課\"}"));
        String j = "/api/projects/";
        routes.add(on(j, projectId, "/partners", "{\"name\": \"幸区NPO\", \"type\": \"NPO\", \"role\": \"運営\"}"));
        routes.add(on(j, projectId, "/agreements",
                "{\"title\": \"協定\", \"partyIds\": [\"a-1\", \"b-2\"], \"signedOn\": \"2025-05-10\"}"));
        routes.add(on(j, projectId, "/approval", "{\"reason\": \"優先\"}"));
        routes.add(on(j, projectId, "/budget-allocations", "{\"amountYen\": 100000, \"reason\": \"配分\"}"));
        routes.add(on(j, projectId, "/expenditures",
                "{\"amountYen\": 1000, \"description\": \"資材\", \"spentOn\": \"2025-08-01\"}"));
        routes.add(on(j, projectId, "/targets",
                "{\"name\": \"駐輪台数\", \"unit\": \"台\", \"baseline\": 10, \"targets\": {\"2025\": 20, \"2026\": 30}}"));
        routes.add(on(j, projectId, "/actuals", "{\"target\": \"駐輪台数\", \"fiscalYear\": 2025, \"value\": 5}"));
        routes.add(on(j, projectId, "/progress-reports", "{\"text\": \"進捗\"}"));
        routes.add(on(j, projectId, "/self-evaluation", "{\"rating\": 4, \"text\": \"順調\"}"));
        routes.add(on(j, projectId, "/completion", "{\"summary\": \"完了\"}"));
        routes.add(on(j, projectId, "/termination", "{\"reason\": \"中止\"}"));
        routes.add(new CommandRoutes("PUT", "/api/ward-budgets/", "saiwai", "/2025",
                "{\"envelopeYen\": 1000000, \"reason\": \"当初予算\"}"));
        return routes;
    }

    private static CommandRoutes create(String path, String body) {
        return new CommandRoutes("POST", path, null, "", body);
    }

    private static CommandRoutes on(String prefix, String id, String suffix, String body) {
        return new CommandRoutes("POST", prefix, id, suffix, body);
    }
}
