package kyodo.ops.security;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard between Netty's HTTP codec and the application, on an embedded channel: what the
 * application is given of a request the decoder could not read, and what the client is answered.
 */
class UnreadableRequestGuardTest {

    private static final String BODY = "{\"title\":\"駐輪場\"}";
    private static final String HUGE_TRAILER = "X-Padding: " + "a".repeat(9_000) + "\r\n";

    /** What reached the application: request heads (by URI), body chunks, and ends of bodies. */
    private final List<String> seen = new ArrayList<>();

    private EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec(4096, 8192, 8192),
                new UnreadableRequestGuard(), new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        if (msg instanceof HttpRequest request) {
                            seen.add("head " + request.uri());
                        }
                        if (msg instanceof LastHttpContent) {
                            seen.add("end");
                        } else if (msg instanceof HttpContent content && content.content().isReadable()) {
                            seen.add("chunk");
                        }
                        ReferenceCountUtil.release(msg);
                    }
                });
        return channel;
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private static String chunked(String uri, String trailer) {
        int length = BODY.getBytes(StandardCharsets.UTF_8).length;
        return "POST " + uri + " HTTP/1.1\r\nHost: k\r\nTransfer-Encoding: chunked\r\nAccept-Language: en\r\n\r\n"
                + Integer.toHexString(length) + "\r\n" + BODY + "\r\n0\r\n" + trailer + "\r\n";
    }

    private static String written(EmbeddedChannel channel) {
        StringBuilder out = new StringBuilder();
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) msg;
            out.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return out.toString();
    }

    private static void answer(EmbeddedChannel channel, HttpResponseStatus status) {
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        channel.writeAndFlush(response);
    }

    @Test
    void aTrailerOverTheLimitNeverEndsTheBodyAndIsAnswered431InProblemJson() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(bytes(chunked("/api/proposals", HUGE_TRAILER)));

        assertThat(seen).containsExactly("head /api/proposals", "chunk");
        String answer = written(channel);
        assertThat(answer).startsWith("HTTP/1.1 431 ").contains("content-type: application/problem+json",
                "connection: close", "\"type\":\"/problems/request-headers-too-large\"",
                "\"title\":\"The request header fields are too large\"");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aSmallTrailerEndsTheBodyAsUsual() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(bytes(chunked("/api/proposals", "X-Checksum: 1\r\n")));

        assertThat(seen).containsExactly("head /api/proposals", "chunk", "end");
        assertThat(written(channel)).isEmpty();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aHeadOverTheLimitNeverReachesTheApplication() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(bytes("GET /public/proposals HTTP/1.1\r\nHost: k\r\n" + HUGE_TRAILER + "\r\n"));

        assertThat(seen).isEmpty();
        assertThat(written(channel)).startsWith("HTTP/1.1 431 ").contains("\"title\":\"リクエストのヘッダーが大きすぎます\"");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aBrokenChunkIsAnswered400() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(bytes("POST /api/proposals HTTP/1.1\r\nHost: k\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\n" + BODY + "\r\n0\r\n\r\n"));

        assertThat(seen).containsExactly("head /api/proposals");
        assertThat(written(channel)).startsWith("HTTP/1.1 400 ").contains("\"type\":\"/problems/malformed-request\"");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aPipelinedRefusalWaitsForTheAnswerBeforeIt() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(bytes("GET /public/proposals HTTP/1.1\r\nHost: k\r\n\r\n"
                + chunked("/api/proposals", HUGE_TRAILER)));

        assertThat(seen).containsExactly("head /public/proposals", "end", "head /api/proposals", "chunk");
        assertThat(written(channel)).as("nothing may go out before the first answer").isEmpty();
        assertThat(channel.isOpen()).isTrue();

        answer(channel, HttpResponseStatus.CONTINUE);
        answer(channel, HttpResponseStatus.OK);
        String answers = written(channel);
        assertThat(answers).startsWith("HTTP/1.1 100 Continue");
        assertThat(answers.indexOf("HTTP/1.1 200 OK")).isLessThan(answers.indexOf("HTTP/1.1 431 "));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aRequestAnsweredBeforeItsBodyEndedKeepsThatAnswerAndLosesTheConnection() {
        EmbeddedChannel channel = channel();
        String request = chunked("/api/proposals", HUGE_TRAILER);
        int split = request.indexOf("0\r\nX-Padding");
        channel.writeInbound(bytes(request.substring(0, split)));
        answer(channel, HttpResponseStatus.UNAUTHORIZED);
        channel.writeInbound(bytes(request.substring(split)));

        String answers = written(channel);
        assertThat(answers).startsWith("HTTP/1.1 401 ").doesNotContain("431");
        assertThat(channel.isOpen()).isFalse();
        assertThat(seen).doesNotContain("end");
    }
}
