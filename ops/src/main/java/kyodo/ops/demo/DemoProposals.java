package kyodo.ops.demo;

import java.util.List;
import java.util.Map;

/**
 * Demo proposals, written as residents would bring them, from the opinions of the 2015-09-19
 * southern-district workshop (seed 003) and the ward programmes in the seeds. Names are invented.
 * Each proposal then goes through the steps listed, in order, as staff would record them.
 *
 * <p>Each has a life of days, counted back from the day of the load, so that the figures have something
 * real to show whatever day the demo is loaded (issue 20): submitted over the past five months, two
 * answered after their due date, two overdue today, answers between 12 and 45 days after submission, one
 * waiting for acknowledgement, one withdrawn. Every date is illustrative.
 */
final class DemoProposals {

    /** Days the office gives itself to answer, as staff state it on acknowledgement (README's default). */
    static final int DUE_DAYS = 30;
    /** A suggestion-box note is answered sooner (README: by-programme.SUGGESTION_BOX=14). */
    static final int SUGGESTION_BOX_DUE_DAYS = 14;

    private DemoProposals() {
    }

    /**
     * A demo proposal: its submission and the staff steps that follow.
     *
     * @param daysAgo how many days before the load it was submitted
     */
    record Demo(String key, int daysAgo, Map<String, Object> submission, List<Step> steps) {
    }

    /**
     * One command on the proposal: the sub-resource and its body.
     *
     * @param day the day it was taken, counted from the submission's
     */
    record Step(String action, int day, Map<String, Object> body) {
    }

    private static Map<String, Object> proposal(String ward, String title, String body, List<String> themes,
                                                String programme, String channel, String name) {
        return Map.of("ward", ward, "title", title, "body", body, "themes", themes, "programme", programme,
                "channel", channel, "proposer", Map.of("name", name, "contact", "demo@example.jp"));
    }

    private static Step ack(int day, String department, int dueDays) {
        return new Step("acknowledgement", day, Map.of("department", department, "responseDueDays", dueDays));
    }

    private static Step decision(int day, String outcome, String reason) {
        return new Step("decision", day, Map.of("outcome", outcome, "reason", reason));
    }

    static final List<Demo> ALL = List.of(
            // answered 8 days late, after a progress update
            new Demo("demo-proposal-01", 150, proposal("saiwai", "地域の課題を早く共有できる仕組みがほしい",
                    "町内会・自治会・商店街が把握している課題を、目安箱やウェブで区役所と早めに共有できるように"
                            + "してほしい。過去に起きた問題点も公開してほしい。",
                    List.of("情報共有", "協働"), "CITIZEN_PROPOSAL", "MEETING", "デモ 花子"),
                    List.of(ack(3, "幸区役所 地域振興課", DUE_DAYS),
                            new Step("progress-updates", 20, Map.of("text", "区民会議の資料を区のウェブサイトで公開しました。")),
                            new Step("decision", 41, Map.of("outcome", "ACCEPTED",
                                    "reason", "課題の共有窓口をウェブと目安箱に設け、進捗を公開します。",
                                    "conditions", "個人情報の取扱いルールを定めたうえで運用します。")))),
            // asked to revise, no revision came, overdue today
            new Demo("demo-proposal-02", 60, proposal("kawasaki", "いこいの家を地域活動の拠点に",
                    "いこいの家やこども文化センターを、若い世代や新しく来た人も参加しやすい地域の拠点として"
                            + "使えるようにしてほしい。",
                    List.of("居場所", "地域活動"), "CITIZEN_PROPOSAL", "COUNTER", "デモ 一郎"),
                    List.of(ack(2, "川崎区役所 地域振興課", DUE_DAYS),
                            new Step("revision-requests", 9, Map.of("reason", "対象となる施設と曜日・時間帯を具体的に教えてください。")))),
            // answered on time
            new Demo("demo-proposal-03", 120, proposal("saiwai", "地域の提案への回答を明確にしてほしい",
                    "地域から提案を受けたときは、進捗を共有し、回答を明確にしてほしい。",
                    List.of("行政運営"), "SUGGESTION_BOX", "MAIL", "デモ 次郎"),
                    List.of(ack(1, "幸区役所 区政推進課", SUGGESTION_BOX_DUE_DAYS),
                            decision(12, "ACCEPTED", "すべての提案に回答期限を設け、進捗と回答を公開します。"))),
            // answered 11 days late
            new Demo("demo-proposal-04", 95, proposal("kawasaki", "お祭りに企業の協力を",
                    "地域のお祭りやスポーツイベントに、地元企業が協力しやすくなるよう区役所が仲介してほしい。",
                    List.of("協働", "地域活動"), "CITIZEN_PROPOSAL", "WEB", "デモ 三郎"),
                    List.of(ack(4, "川崎区役所 地域振興課", DUE_DAYS),
                            decision(45, "REJECTED", "今年度は予算がないため、企業向け説明会の開催から始めます。"))),
            // under review, overdue today
            new Demo("demo-proposal-05", 52, proposal("tama", "空き店舗を子どもの学習スペースに",
                    "商店街の空き店舗を、放課後の子どもの学習スペースとして社会実験的に使いたい。",
                    List.of("子育て", "まちのひろば"), "MACHI_NO_HIROBA", "COUNTER", "デモ 四郎"),
                    List.of(ack(5, "多摩区役所 地域振興課", DUE_DAYS))),
            // just arrived
            new Demo("demo-proposal-06", 3, proposal("nakahara", "駅前の駐輪場を増やしてほしい",
                    "朝の時間帯に駅前の駐輪場が満車になり、歩道に自転車があふれている。",
                    List.of("交通"), "SUGGESTION_BOX", "WEB", "デモ 五郎"),
                    List.of()),
            // withdrawn by the proposer
            new Demo("demo-proposal-07", 70, proposal("asao", "区民会議の傍聴をもっと広報して",
                    "働いている人でも参加しやすいよう、区民会議の傍聴や開催日程をもっと広報してほしい。",
                    List.of("情報共有"), "CITIZEN_PROPOSAL", "MEETING", "デモ 六子"),
                    List.of(ack(2, "麻生区役所 地域振興課", DUE_DAYS),
                            new Step("withdrawal", 16, Map.of("reason", "区のウェブサイトで日程が公開されたため取り下げます。")))));
}
