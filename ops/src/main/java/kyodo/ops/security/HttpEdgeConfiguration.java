package kyodo.ops.security;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

import java.util.function.Supplier;

/**
 * The HTTP edge below Spring: what the server does with bytes it cannot read as a request, before any
 * filter or handler runs ({@link UnreadableRequestGuard}, ADR 15).
 */
@Configuration(proxyBeanMethods = false)
class HttpEdgeConfiguration {

    static final String GUARD = "kyodo.unreadableRequestGuard";

    @Bean
    NettyServerCustomizer unreadableRequestsStopAtTheEdge() {
        return behindTheHttpCodec(GUARD, UnreadableRequestGuard::new);
    }

    /**
     * Puts a handler of its own on every HTTP/1.1 connection, right behind the codec that reads the
     * requests. HTTP/1.1 only: an HTTP/2 stream has no such codec, and is answered by Reactor Netty itself.
     */
    static NettyServerCustomizer behindTheHttpCodec(String name, Supplier<ChannelHandler> handler) {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null) {
                pipeline.addAfter(NettyPipeline.HttpCodec, name, handler.get());
            }
        });
    }
}
