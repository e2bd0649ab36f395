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
}
