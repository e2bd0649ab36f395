package kyodo.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A city's OIDC provider, in-process, as small as the console's and residents' sign-ins need and as strict as a real
 * one where it matters: a discovery document, its signing key (JWKS), an authorization endpoint that
 * signs in whoever the test names next and sends the browser back with a code, and a token endpoint
 * that checks the client's secret, the redirect URI and the PKCE verifier against the challenge before
 * it answers a signed ID token with the nonce. It records every authorization request, for tests to
 * assert what the console sent.
 */
public final class ConsoleOidcProvider implements AutoCloseable {

    public static final String CLIENT_ID = "kyodo-console";
    public static final String CLIENT_SECRET = "console-client-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final String clientId;
    private final String clientSecret;
    private final HttpServer server;
    private final RSAKey key;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final List<Map<String, String>> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger verifiedTokenRequests = new AtomicInteger();
    private final AtomicInteger refusedTokenRequests = new AtomicInteger();
    private volatile Map<String, Object> next = Map.of();

    /** A code issued: whom it signs in and what the token request must prove. */
    private record Grant(Map<String, Object> claims, String challenge, String method, String nonce,
                         String redirectUri) {
    }

    private ConsoleOidcProvider(String clientId, String clientSecret) throws IOException, JOSEException {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        key = new RSAKeyGenerator(2048).keyID("console-test-key").generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/jwks", exchange -> answer(exchange, 200, new JWKSet(key.toPublicJWK()).toJSONObject()));
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
    }

    /** The provider with the console's client registered. */
    public static ConsoleOidcProvider start() {
        return start(CLIENT_ID, CLIENT_SECRET);
    }

    /** The provider with another client registered (the residents' sign-in). */
    public static ConsoleOidcProvider start(String clientId, String clientSecret) {
        try {
            return new ConsoleOidcProvider(clientId, clientSecret);
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The claims of whoever signs in next (besides iss, aud, exp, iat and nonce). */
    public void signsInNext(Map<String, Object> claims) {
        next = Map.copyOf(claims);
    }

    /**
     * The browser at the provider: it follows the client's redirect to the authorization endpoint, is
     * signed in as {@link #signsInNext} says, and is sent back; answers where (the client's callback).
     */
    URI backFrom(String authorizationRequest) throws IOException, InterruptedException {
        HttpResponse<String> signedIn = BROWSER.send(HttpRequest.newBuilder(URI.create(authorizationRequest)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 302) {
            throw new AssertionError("the provider answered " + signedIn.statusCode() + ": " + signedIn.body());
        }
        return URI.create(signedIn.headers().firstValue("Location").orElseThrow());
    }

    /** The authorization requests received, their query parameters in order. */
    List<Map<String, String>> authorizations() {
        return List.copyOf(authorizations);
    }

    /** Token requests answered after their PKCE verifier matched the code's challenge. */
    int verifiedTokenRequests() {
        return verifiedTokenRequests.get();
    }

    /** Token requests refused (wrong client, code, redirect URI or verifier). */
    int refusedTokenRequests() {
        return refusedTokenRequests.get();
    }

    /** An access token for the API, signed with the same key, carrying those claims. */
    String accessToken(Map<String, Object> claims) {
        return sign(claims, null, "kyodo-api");
    }

    private void discovery(HttpExchange exchange) throws IOException {
        String issuer = issuer();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("authorization_endpoint", issuer + "/authorize");
        doc.put("token_endpoint", issuer + "/token");
        doc.put("jwks_uri", issuer + "/jwks");
        doc.put("response_types_supported", List.of("code"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("scopes_supported", List.of("openid"));
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
        doc.put("code_challenge_methods_supported", List.of("S256"));
        answer(exchange, 200, doc);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        authorizations.add(query);
        if (!clientId.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))) {
            answer(exchange, 400, Map.of("error", "invalid_request"));
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(next, query.get("code_challenge"), query.get("code_challenge_method"),
                query.get("nonce"), query.get("redirect_uri")));
        exchange.getResponseHeaders().add("Location", query.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = "Basic " + Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + ":" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        Grant grant = codes.remove(body.getOrDefault("code", ""));
        boolean ok = basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                && "authorization_code".equals(body.get("grant_type")) && grant != null
                && grant.redirectUri().equals(body.get("redirect_uri"))
                && "S256".equals(grant.method()) && grant.challenge() != null
                && grant.challenge().equals(s256(body.getOrDefault("code_verifier", "")));
        if (!ok) {
            refusedTokenRequests.incrementAndGet();
            answer(exchange, 400, Map.of("error", "invalid_grant"));
            return;
        }
        verifiedTokenRequests.incrementAndGet();
        answer(exchange, 200, Map.of("access_token", accessToken(grant.claims()), "token_type", "Bearer",
                "expires_in", 300, "scope", "openid", "id_token", sign(grant.claims(), grant.nonce(), clientId)));
    }

    private String sign(Map<String, Object> claims, String nonce, String audience) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder token = new JWTClaimsSet.Builder().issuer(issuer()).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
        claims.forEach(token::claim);
        if (nonce != null) {
            token.claim("nonce", nonce);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    token.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void answer(HttpExchange exchange, int status, Map<String, Object> body) {
        try (exchange) {
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
