package kyodo.ops.security;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.ProblemDetails;
import kyodo.kernel.problem.ProblemRendering;
import kyodo.kernel.problem.ProblemType;
import kyodo.kernel.problem.RenderedProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Stops a request the HTTP decoder could not read at the edge, before the application sees its end.
 * Sits right after Netty's HTTP codec, one per connection.
 *
 * <p>Why: when a chunked request's trailer exceeds the header limit, the codec passes on the request,
 * its body, and then a last chunk marked as failed. Reactor Netty answers that failure with 431 but
 * completes the request body normally, so the application read a whole, valid body, ran the command,
 * and only its answer was lost: a client retrying after the 431 ran the command twice. Here no failed
 * part is passed on: the request's body never completes, and when the connection closes the
 * application's read of it fails, so no command runs. A command runs only on a request that was read
 * to its end and accepted.
 *
 * <p>The answer is problem+json (431 for header or trailer fields over the limit, 414 for a request
 * line over it, 400 for anything else unreadable) with {@code Connection: close}, in order: when
 * earlier pipelined requests on the connection are still being answered, it waits for their answers.
 * If the application already answered the failing request (e.g. 401 before reading the body), the
 * connection is closed after that answer.
 */
final class UnreadableRequestGuard extends ChannelDuplexHandler {

    static final ProblemType HEADERS_TOO_LARGE = new ProblemType("request-headers-too-large", 431,
            "リクエストのヘッダーが大きすぎます", "The request header fields are too large");
    static final ProblemType URI_TOO_LONG = new ProblemType("uri-too-long", 414,
            "URLが長すぎます", "The URL is too long");

    private static final Logger log = LoggerFactory.getLogger(UnreadableRequestGuard.class);

    /** Request heads passed on to the application on this connection. */
    private int requests;
    /** Final answers begun and finished on this connection. */
    private int answersStarted;
    private int answersFinished;
    private boolean english;
    /** After a failure: nothing more is read from this connection. */
    private boolean refused;
    /** The refusal, while earlier answers are still going out, and the number of the request it answers. */
    private FullHttpResponse pending;
    private int pendingFor;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
            refuse(ctx, msg instanceof HttpRequest, http.decoderResult().cause());
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            requests++;
            String language = request.headers().get(HttpHeaderNames.ACCEPT_LANGUAGE);
            english = language != null && language.strip().toLowerCase(Locale.ROOT).startsWith("en");
        }
        ctx.fireChannelRead(msg);
    }

    private void refuse(ChannelHandlerContext ctx, boolean head, Throwable cause) {
        refused = true;
        // a failed head is a request the application never saw; a failed chunk ends the latest one
        int failing = head ? requests + 1 : requests;
        log.debug("Unreadable request refused at the edge: {}", cause.toString());
        if (!head && answersFinished >= failing) {
            // already answered without its body (e.g. 401): only the connection goes
            closeAfterFlush(ctx);
        } else if (!head && answersStarted >= failing) {
            // an answer is going out: nothing can be put before it, and the request is not complete
            closeAfterFlush(ctx);
        } else if (answersFinished >= failing - 1) {
            ctx.writeAndFlush(answer(cause)).addListener(ChannelFutureListener.CLOSE);
        } else {
            pending = answer(cause);
            pendingFor = failing;
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean finalAnswer = msg instanceof HttpResponse response
                && response.status().codeClass() != HttpStatusClass.INFORMATIONAL;
        if (finalAnswer) {
            answersStarted++;
        }
        boolean finished = msg instanceof LastHttpContent
                && (!(msg instanceof HttpResponse) || finalAnswer);
        ctx.write(msg, promise);
        if (finished) {
            answersFinished++;
            if (pending != null && answersFinished >= pendingFor - 1) {
                FullHttpResponse refusal = pending;
                pending = null;
                ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        handlerRemoved(ctx);
        super.channelInactive(ctx);
    }

    private static void closeAfterFlush(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private FullHttpResponse answer(Throwable cause) {
        ProblemDetails problem;
        if (cause instanceof TooLongHttpHeaderException) {
            problem = ProblemDetails.of(HEADERS_TOO_LARGE,
                    "The header or trailer fields exceed the limit. The request was not processed.");
        } else if (cause instanceof TooLongHttpLineException) {
            problem = ProblemDetails.of(URI_TOO_LONG, "The request line exceeds the limit. The request was not processed.");
        } else {
            problem = ProblemDetails.of(CommonProblems.MALFORMED_REQUEST,
                    "The request is not well-formed HTTP. It was not processed.");
        }
        // no request was routed: the answer names no instance
        RenderedProblem rendered = ProblemRendering.render(problem, english ? Locale.ENGLISH : Locale.JAPANESE, null);
        byte[] body = rendered.json();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(rendered.status()), Unpooled.wrappedBuffer(body));
        // lower-case names, as Netty's own constants spell them on this connection
        rendered.headers().forEach((name, value) -> response.headers().set(name.toLowerCase(Locale.ROOT), value));
        response.headers()
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set("X-Content-Type-Options", "nosniff")
                .set("Content-Security-Policy", SecurityHeaders.API_POLICY)
                .set("Referrer-Policy", "no-referrer");
        return response;
    }
}
