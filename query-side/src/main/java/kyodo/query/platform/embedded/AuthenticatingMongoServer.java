package kyodo.query.platform.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoThreadFactory;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * mongo-java-server with authentication: the same Netty pipeline {@code MongoServer.bind} builds
 * (reply and message encoders, wire decoder, database handler, exception handler), from the
 * library's own public handlers, with an {@link AuthenticationGate} between the decoder and the
 * database handler, so no command of an unauthenticated connection reaches the store.
 * {@code MongoServer} itself builds its pipeline inside {@code bind} and offers no way to add a
 * handler, hence this copy of its few lines of set-up.
 */
public final class AuthenticatingMongoServer {

    private static final Logger log = LoggerFactory.getLogger(AuthenticatingMongoServer.class);

    private final MongoBackend backend;
    private final ReadStoreCredentials credentials;
    private final ScramSha256 scram;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel channel;

    /** Derives the SCRAM keys (PBKDF2, some milliseconds); the password is not kept. */
    public AuthenticatingMongoServer(MongoBackend backend, ReadStoreCredentials credentials) {
        this.backend = backend;
        this.credentials = credentials;
        this.scram = new ScramSha256(credentials.user(), credentials.password(), new SecureRandom());
    }

    /** Starts listening; the address actually bound (a port of 0 picks a free one). */
    public synchronized InetSocketAddress bind(InetSocketAddress address) {
        if (channel != null) {
            throw new IllegalStateException("already listening on " + channel.localAddress());
        }
        bossGroup = new NioEventLoopGroup(1, new MongoThreadFactory("mongo-server-boss"));
        workerGroup = new NioEventLoopGroup(0, new MongoThreadFactory("mongo-server-worker"));
        ChannelGroup clients = new DefaultChannelGroup("read-store-clients", workerGroup.next());
        try {
            channel = new ServerBootstrap()
                    .group(bossGroup, workerGroup)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 100)
                    .localAddress(address)
                    .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new MongoWireReplyEncoder());
                            ch.pipeline().addLast(new MongoWireMessageEncoder());
                            ch.pipeline().addLast(new MongoWireProtocolHandler());
                            ch.pipeline().addLast(new AuthenticationGate(scram, credentials.user()));
                            ch.pipeline().addLast(new MongoDatabaseHandler(backend, clients));
                            ch.pipeline().addLast(new MongoExceptionHandler());
                        }
                    })
                    .bind().syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            stopEventLoops();
            throw e;
        }
        InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
        log.info("read store: listening on {} for authenticated clients ({})", bound, ScramSha256.MECHANISM);
        return bound;
    }

    /** Stops listening, closes every connection and then the backend (which writes its file). */
    public synchronized void shutdown() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
            channel = null;
        }
        stopEventLoops();
        backend.close();
    }

    private void stopEventLoops() {
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            bossGroup = null;
        }
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            workerGroup = null;
        }
    }
}
