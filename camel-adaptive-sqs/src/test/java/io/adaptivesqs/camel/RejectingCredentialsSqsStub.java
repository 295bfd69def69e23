package io.adaptivesqs.camel;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An SQS endpoint on loopback that rejects every request's credentials, as SQS does for an unknown access key: HTTP
 * 403, error code InvalidClientTokenId, in SQS's JSON protocol. ElasticMQ accepts any credentials, so this stands in
 * for the real service when the point is a wrong key.
 */
final class RejectingCredentialsSqsStub implements AutoCloseable {

    static final String MESSAGE = "The security token included in the request is invalid.";

    private final HttpServer server;
    private final List<String> targets = new CopyOnWriteArrayList<>();

    private RejectingCredentialsSqsStub(HttpServer server) {
        this.server = server;
    }

    static RejectingCredentialsSqsStub start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        RejectingCredentialsSqsStub stub = new RejectingCredentialsSqsStub(server);
        server.createContext("/", stub::reject);
        server.start();
        return stub;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The X-Amz-Target of each request received, such as AmazonSQS.GetQueueUrl. */
    List<String> targets() {
        return List.copyOf(targets);
    }

    private void reject(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            targets.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target")));
            byte[] error = ("{\"__type\":\"com.amazonaws.sqs#InvalidClientTokenId\",\"message\":\"" + MESSAGE + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.getResponseHeaders().add("x-amzn-query-error", "InvalidClientTokenId;Sender");
            exchange.getResponseHeaders().add("x-amzn-RequestId", "00000000-0000-0000-0000-000000000403");
            exchange.sendResponseHeaders(403, error.length);
            exchange.getResponseBody().write(error);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
