package kyodo.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies the integration tests send. */
final class Requests {

    static final String PROPOSER_NAME = "川崎テスト太郎";
    static final String PROPOSER_CONTACT = "taro.kyodo-test@example.jp";

    private Requests() {
    }

    /** A valid proposal submission, as a mutable map so a test can break one field. */
    static Map<String, Object> proposal() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ward", "saiwai");
        body.put("title", "駅前の駐輪場を増やしてほしい");
        body.put("body", "朝の時間帯に駐輪場が満車になり、歩道に自転車があふれています。");
        body.put("themes", List.of("交通", "まちづくり"));
        body.put("programme", "CITIZEN_PROPOSAL");
        body.put("channel", "COUNTER");
        body.put("proposer", new LinkedHashMap<>(Map.of("name", PROPOSER_NAME, "contact", PROPOSER_CONTACT)));
        return body;
    }

    /** A valid ward assembly in saiwai with 30 places, as a mutable map so a test can change one field. */
    static Map<String, Object> meeting() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "WARD_ASSEMBLY");
        body.put("ward", "saiwai");
        body.put("title", "第8期 幸区区民会議 第3回");
        body.put("startsAt", "2025-09-19T13:00:00+09:00");
        body.put("endsAt", "2025-09-19T16:30:00+09:00");
        body.put("venue", "幸区役所 会議室");
        body.put("capacity", 30);
        body.put("publicObservation", true);
        body.put("themes", List.of("交通", "防災"));
        body.put("term", 8);
        body.put("session", 3);
        return body;
    }

    /** A city-wide forum: of no ward and no district, and so of no ward assembly's term. */
    static Map<String, Object> cityWideMeeting(String title) {
        Map<String, Object> body = meeting();
        body.remove("ward");
        body.remove("term");
        body.remove("session");
        body.put("kind", "FORUM");
        body.put("title", title);
        return body;
    }

    /** A workshop of the southern district, of no ward. */
    static Map<String, Object> southernWorkshop() {
        Map<String, Object> body = meeting();
        body.remove("ward");
        body.put("district", "south");
        body.put("kind", "WORKSHOP");
        return body;
    }

    /** The same meeting with that many places. */
    static Map<String, Object> meeting(int capacity) {
        Map<String, Object> body = meeting();
        body.put("capacity", capacity);
        return body;
    }

    /** A registration with a participant's personal data. */
    static Map<String, Object> registration(String name, String affiliation) {
        return Map.of("participant", Map.of("name", name, "affiliation", affiliation, "nominatedBy", affiliation));
    }
}
