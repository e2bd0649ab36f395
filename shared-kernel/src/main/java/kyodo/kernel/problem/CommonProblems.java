package kyodo.kernel.problem;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Problem types every part of the API can answer with. Features add their own next to their messages. */
public final class CommonProblems {

    public static final ProblemType INVALID_INPUT =
            new ProblemType("invalid-input", 400, "入力内容に誤りがあります", "The input is invalid");
    public static final ProblemType MALFORMED_REQUEST =
            new ProblemType("malformed-request", 400, "リクエストを読み取れません", "The request cannot be read");
    public static final ProblemType UNAUTHENTICATED =
            new ProblemType("unauthenticated", 401, "ログインが必要です", "Sign-in required");
    public static final ProblemType FORBIDDEN =
            new ProblemType("forbidden", 403, "この操作は許可されていません", "This action is not allowed");
    public static final ProblemType NOT_FOUND =
            new ProblemType("not-found", 404, "見つかりません", "Not found");
    public static final ProblemType METHOD_NOT_ALLOWED =
            new ProblemType("method-not-allowed", 405, "このメソッドは使えません", "Method not allowed");
    public static final ProblemType NOT_ACCEPTABLE =
            new ProblemType("not-acceptable", 406, "指定された形式では返せません", "The requested representation is not available");
    public static final ProblemType STALE_VERSION =
            new ProblemType("stale-version", 412, "他の更新が先に行われました", "The resource has changed since that version");
    public static final ProblemType PAYLOAD_TOO_LARGE =
            new ProblemType("payload-too-large", 413, "リクエストが大きすぎます", "The request body is too large");
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE =
            new ProblemType("unsupported-media-type", 415, "この形式のリクエストは受け付けられません", "Unsupported content type");
    public static final ProblemType IDEMPOTENCY_KEY_REUSED =
            new ProblemType("idempotency-key-reused", 422, "同じ冪等キーが別の内容で使われました",
                    "The idempotency key was already used with a different request");
    public static final ProblemType IDEMPOTENCY_KEY_INVALID =
            new ProblemType("idempotency-key-invalid", 400, "冪等キーの形式が正しくありません",
                    "The idempotency key is malformed");
    public static final ProblemType TOO_MANY_REQUESTS =
            new ProblemType("too-many-requests", 429, "リクエストが多すぎます。しばらくしてから再度お試しください",
                    "Too many requests; try again later");
    public static final ProblemType READ_MODEL_LAGGING =
            new ProblemType("read-model-lagging", 503, "表示用データの更新が追いついていません",
                    "The read model has not caught up yet");
    public static final ProblemType UNAVAILABLE =
            new ProblemType("unavailable", 503, "一時的に処理できません", "Temporarily unavailable");
    /** A command that was withdrawn before it started (ADR 28): it never runs, nothing changed. */
    public static final ProblemType COMMAND_WITHDRAWN =
            new ProblemType("command-withdrawn", 503, "処理を開始できなかったため取り消しました。変更はありません",
                    "The command was withdrawn before it started; nothing changed");
    /** A command that started but whose outcome was not known in time (ADR 28): it may have been stored. */
    public static final ProblemType COMMAND_OUTCOME_UNKNOWN =
            new ProblemType("command-outcome-unknown", 504, "処理の結果を確認できませんでした",
                    "The command's outcome is not known");
    public static final ProblemType INTERNAL =
            new ProblemType("internal-error", 500, "内部エラーが発生しました", "Internal error");

    private CommonProblems() {
    }

    /**
     * A 406 that says what the route does offer, in the reader's language, with the media types also
     * as its {@code offered} member (issue 20: it named JSON alone where CSV and NDJSON are served too).
     *
     * @param offered the concrete media types the route answers with, as the web framework reports them;
     *                wildcards and repeats are left out, and when nothing is left the platform's JSON
     * @param locale  the language asked for ({@link ProblemRendering#english})
     */
    public static ProblemDetails notAcceptable(List<String> offered, Locale locale) {
        List<String> types = offered.stream().filter(type -> !type.contains("*")).distinct().toList();
        if (types.isEmpty()) {
            types = List.of("application/json");
        }
        String list = String.join(", ", types);
        boolean one = types.size() == 1;
        String detail = ProblemRendering.english(locale)
                ? "Available as " + list + (one ? "; ask for it in Accept." : "; ask for one of these in Accept.")
                : list + (one ? " で返せます。Accept ヘッダーでこれを指定してください。"
                        : " のいずれかで返せます。Accept ヘッダーでどれかを指定してください。");
        return new ProblemDetails(NOT_ACCEPTABLE.slug(), NOT_ACCEPTABLE.status(), NOT_ACCEPTABLE.titleJa(),
                NOT_ACCEPTABLE.titleEn(), detail, List.of(), Map.of("offered", types));
    }
}
