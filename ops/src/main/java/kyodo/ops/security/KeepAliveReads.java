package kyodo.ops.security;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps reading a kept-alive HTTP/1.1 connection after every answer, so a request that arrived while
 * the previous one was being finished is never left unread.
 *
 * <p>Why: Reactor Netty 1.2 reads such a connection on demand. A request that arrives before the
 * previous request's operations have ended is buffered; when that buffer is drained without a request
 * left in it (the buffered request was answered at once, re-entrantly), nobody asks for the next read
 * (reactor/reactor-netty#4361, fixed only after the 1.2 line ended). The client's next request then
 * sits unread in the socket until the client gives up: {@code bench run} saw a 60 s
 * {@code /actuator/health} on a fresh server while no thread was busy, and the server read that request
 * only when the client closed the connection at its timeout. Asking for one more read once each answer
 * has been written closes that gap; a request read early is buffered by Reactor Netty as before, so
 * nothing is read faster than answers go out.
 */
@Configuration(proxyBeanMethods = false)
class KeepAliveReads {

    static final String NAME = "kyodo.keepAliveReads";

    @Bean
    NettyServerCustomizer keepAliveConnectionsKeepReading() {
        // HTTP/1.1 only: HTTP/2 streams are not read on demand this way
        return HttpEdgeConfiguration.behindTheHttpCodec(NAME, ReadAfterAnswer::new);
    }

    /** Asks for a read once the end of a final answer has been written. */
    static final class ReadAfterAnswer extends ChannelOutboundHandlerAdapter {

        private boolean finalAnswer;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof HttpResponse response) {
                finalAnswer = response.status().codeClass() != HttpStatusClass.INFORMATIONAL;
            }
            if (finalAnswer && msg instanceof LastHttpContent) {
                finalAnswer = false;
                Channel channel = ctx.channel();
                // after the task that wrote it: by then Reactor Netty has ended that request or buffered the next
                promise = promise.unvoid();
                promise.addListener(written -> channel.eventLoop().execute(() -> {
                    if (channel.isActive()) {
                        ctx.read();
                    }
                }));
            }
            super.write(ctx, msg, promise);
        }
    }
}
