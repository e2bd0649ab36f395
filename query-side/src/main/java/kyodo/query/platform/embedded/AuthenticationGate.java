package kyodo.query.platform.embedded;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.ReplyFlag;
import de.bwaldvogel.mongo.wire.message.ClientRequest;
import de.bwaldvogel.mongo.wire.message.MessageHeader;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import de.bwaldvogel.mongo.wire.message.MongoReply;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One connection's gate between the wire decoder and mongo-java-server's database handler: until
 * the client has authenticated with SCRAM-SHA-256 it may only introduce itself ({@code hello} /
 * {@code isMaster}, {@code buildInfo}, {@code ping}) and run {@code saslStart} / {@code saslContinue};
 * anything else is answered with MongoDB's error 13 (Unauthorized) and never reaches the store. A
 * failed authentication is answered with error 18 (AuthenticationFailed) and the connection closed.
 * <p>
 * The SASL commands are answered here, not by the store. The driver's {@code speculativeAuthenticate}
 * (the first SCRAM step inside {@code hello}) and {@code saslSupportedMechs} are answered by adding
 * fields to the store's own {@code hello} reply on its way out. Netty runs one connection's
 * handlers on one thread, so the state needs no locking.
 */
final class AuthenticationGate extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(AuthenticationGate.class);

    static final int UNAUTHORIZED = 13;
    static final int AUTHENTICATION_FAILED = 18;
    private static final String USER_DATABASE = "admin";
    private static final int CONVERSATION_ID = 1;
    /**
     * What a client may send on any database before it has authenticated, lower case (the store
     * matches these ignoring case and answers them without opening a database).
     */
    private static final Set<String> HANDSHAKE = Set.of("ismaster", "buildinfo", "ping");
    private static final Set<String> HELLO = Set.of("hello", "ismaster");

    private final ScramSha256 scram;
    private final String user;

    private boolean authenticated;
    private ScramSha256.Conversation conversation;
    /** The server-final-message was sent with done: false; the client still owes an empty step. */
    private boolean awaitingEmptyStep;
    private boolean skipEmptyExchange;
    private int replies;
    /** Fields to add to the store's reply to the hello request with this id. */
    private int helloRequestId;
    private Document helloAdditions;

    AuthenticationGate(ScramSha256 scram, String user) {
        this.scram = scram;
        this.user = user;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ClientRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        Document command = commandOf(request);
        String name = command == null || command.isEmpty() ? null : command.keySet().iterator().next();
        if ("saslStart".equals(name)) {
            saslStart(ctx, request, command);
        } else if ("saslContinue".equals(name)) {
            saslContinue(ctx, request, command);
        } else if (authenticated) {
            ctx.fireChannelRead(msg);
        } else if (name != null && handshake(name.toLowerCase(Locale.ROOT), request.getDatabaseName())) {
            if (HELLO.contains(name.toLowerCase(Locale.ROOT))) {
                prepareHelloAdditions(request, command);
            }
            ctx.fireChannelRead(msg);
        } else {
            log.debug("read store: refused {} on an unauthenticated connection from {}",
                    name == null ? "a query" : name, ctx.channel().remoteAddress());
            refuse(ctx, request, name);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (helloAdditions != null) {
            Document reply = null;
            int responseTo = 0;
            if (msg instanceof MongoMessage message) {
                reply = message.getDocument();
                responseTo = message.getHeader().getResponseTo();
            } else if (msg instanceof MongoReply legacy && legacy.getDocuments().size() == 1) {
                reply = legacy.getDocuments().get(0);
                responseTo = legacy.getHeader().getResponseTo();
            }
            if (reply != null && responseTo == helloRequestId) {
                if (reply.get("ok") instanceof Number ok && ok.intValue() == 1) {
                    reply.putAll(helloAdditions);
                }
                helloAdditions = null;
            }
        }
        ctx.write(msg, promise);
    }

    /**
     * {@code hello} only on {@code admin}: the store has no such command, and on another database
     * it would create that database before saying so.
     */
    private static boolean handshake(String name, String database) {
        return HANDSHAKE.contains(name) || ("hello".equals(name) && USER_DATABASE.equals(database));
    }

    /**
     * The command document the store would run: the OP_MSG body, or the query of an OP_QUERY on
     * {@code <db>.$cmd} (unwrapped from {@code $query} as the store unwraps it); null for an
     * OP_QUERY on a collection, which is a legacy find.
     */
    private static Document commandOf(ClientRequest request) {
        if (request instanceof MongoMessage message) {
            return message.getDocument();
        }
        if (request instanceof MongoQuery query && "$cmd".equals(query.getCollectionName())) {
            Document document = query.getQuery();
            if (document != null && !document.isEmpty() && "$query".equals(document.keySet().iterator().next())
                    && document.get("$query") instanceof Document wrapped) {
                return wrapped;
            }
            return document;
        }
        return null;
    }

    private void prepareHelloAdditions(ClientRequest request, Document hello) {
        Document additions = new Document();
        if ((USER_DATABASE + "." + user).equals(hello.get("saslSupportedMechs"))) {
            additions.put("saslSupportedMechs", List.of(ScramSha256.MECHANISM));
        }
        // the store has no use for it, and it must not see or log the client's first SCRAM message
        if (hello.remove("speculativeAuthenticate") instanceof Document speculative) {
            try {
                additions.put("speculativeAuthenticate", begin(speculative, speculative.get("db")));
            } catch (ScramSha256.AuthenticationFailed e) {
                // leave it out: the driver then starts over with saslStart, which fails properly
                log.debug("read store: ignored a malformed speculative authentication: {}", e.getMessage());
            }
        }
        if (!additions.isEmpty()) {
            helloRequestId = request.getHeader().getRequestID();
            helloAdditions = additions;
        }
    }

    private void saslStart(ChannelHandlerContext ctx, ClientRequest request, Document command) {
        try {
            reply(ctx, request, begin(command, request.getDatabaseName()).append("ok", 1));
        } catch (ScramSha256.AuthenticationFailed e) {
            fail(ctx, request, e);
        }
    }

    /** The first SCRAM step: a new conversation replaces any earlier one on this connection. */
    private Document begin(Document start, Object database) throws ScramSha256.AuthenticationFailed {
        conversation = null;
        awaitingEmptyStep = false;
        if (!ScramSha256.MECHANISM.equals(start.get("mechanism"))) {
            throw new ScramSha256.AuthenticationFailed("mechanism " + start.get("mechanism") + " is not offered");
        }
        ScramSha256.Conversation started = scram.start(payload(start), USER_DATABASE.equals(database));
        skipEmptyExchange = start.get("options") instanceof Document options
                && Boolean.TRUE.equals(options.get("skipEmptyExchange"));
        conversation = started;
        return new Document("conversationId", CONVERSATION_ID)
                .append("done", false)
                .append("payload", new BinData(started.serverFirst()));
    }

    private void saslContinue(ChannelHandlerContext ctx, ClientRequest request, Document command) {
        try {
            if (conversation == null || !(command.get("conversationId") instanceof Number id)
                    || id.intValue() != CONVERSATION_ID) {
                throw new ScramSha256.AuthenticationFailed("no conversation to continue");
            }
            byte[] payload = payload(command);
            if (awaitingEmptyStep) {
                if (payload.length != 0) {
                    throw new ScramSha256.AuthenticationFailed("the last step must be empty");
                }
                succeed(ctx, request, new byte[0]);
                return;
            }
            byte[] serverFinal = conversation.finish(payload);
            if (skipEmptyExchange) {
                succeed(ctx, request, serverFinal);
            } else {
                awaitingEmptyStep = true;
                reply(ctx, request, conversationStep(false, serverFinal));
            }
        } catch (ScramSha256.AuthenticationFailed e) {
            fail(ctx, request, e);
        }
    }

    private void succeed(ChannelHandlerContext ctx, ClientRequest request, byte[] payload) {
        authenticated = true;
        conversation = null;
        awaitingEmptyStep = false;
        reply(ctx, request, conversationStep(true, payload));
    }

    private static Document conversationStep(boolean done, byte[] payload) {
        return new Document("conversationId", CONVERSATION_ID)
                .append("done", done)
                .append("payload", new BinData(payload))
                .append("ok", 1);
    }

    private static byte[] payload(Document command) throws ScramSha256.AuthenticationFailed {
        if (command.get("payload") instanceof BinData binary) {
            return binary.getData();
        }
        throw new ScramSha256.AuthenticationFailed("payload is not binary");
    }

    /** Answers like MongoDB does, then closes: a client that guessed wrong gets no second try here. */
    private void fail(ChannelHandlerContext ctx, ClientRequest request, ScramSha256.AuthenticationFailed e) {
        log.warn("read store: authentication failed for a connection from {}: {}",
                ctx.channel().remoteAddress(), e.getMessage());
        authenticated = false;
        conversation = null;
        awaitingEmptyStep = false;
        reply(ctx, request, error(AUTHENTICATION_FAILED, "AuthenticationFailed", "Authentication failed."))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void refuse(ChannelHandlerContext ctx, ClientRequest request, String name) {
        String message = name == null ? "a query requires authentication" : "command " + name + " requires authentication";
        if (request instanceof MongoQuery query && commandOf(query) == null) {
            // a legacy find: its failure is a flagged reply carrying $err
            Document failure = new Document("$err", message).append("code", UNAUTHORIZED);
            ctx.writeAndFlush(new MongoReply(header(request), failure, ReplyFlag.QUERY_FAILURE));
            return;
        }
        reply(ctx, request, error(UNAUTHORIZED, "Unauthorized", message));
    }

    private static Document error(int code, String codeName, String message) {
        return new Document("ok", 0).append("errmsg", message).append("code", code).append("codeName", codeName);
    }

    private io.netty.channel.ChannelFuture reply(ChannelHandlerContext ctx, ClientRequest request, Document body) {
        if (request instanceof MongoQuery) {
            return ctx.writeAndFlush(new MongoReply(header(request), body));
        }
        return ctx.writeAndFlush(new MongoMessage(ctx.channel(), header(request), body));
    }

    private MessageHeader header(ClientRequest request) {
        return new MessageHeader(++replies, request.getHeader().getRequestID());
    }
}
