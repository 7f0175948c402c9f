package io.ghanomaly.alerting;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 and a free port that answers with a script: each request takes
 * the next answer (the last repeats); it records what it received.
 */
final class Receiver implements AutoCloseable {
    /** One scripted answer: a status and headers, or silence (never answering). */
    record Answer(int status, String body, String retryAfter, boolean silent, boolean stallBody) {
        static Answer ok(String body) {
            return new Answer(200, body, null, false, false);
        }

        static Answer status(int status) {
            return new Answer(status, "", null, false, false);
        }

        static Answer tooMany(String retryAfter) {
            return new Answer(429, "", retryAfter, false, false);
        }

        static Answer silence() {
            return new Answer(0, "", null, true, false);
        }

        /** 200 and the headers of a 100-byte body, then nothing. */
        static Answer headersThenSilence() {
            return new Answer(200, "", null, false, true);
        }
    }

    record Received(String path, String authorization, String body, long atNanos) {}

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> script;
    private volatile Answer last;
    final List<Received> received = new CopyOnWriteArrayList<>();

    Receiver(Answer... answers) throws IOException {
        script = new ConcurrentLinkedQueue<>(List.of(answers));
        last = answers[answers.length - 1];
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::answer);
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void answer(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(
                new Received(
                        ex.getRequestURI().getPath(),
                        ex.getRequestHeaders().getFirst("Authorization"),
                        body,
                        System.nanoTime()));
        Answer a = script.poll();
        if (a == null) {
            a = last;
        }
        if (a.silent()) {
            return; // hold the exchange open: the client times out
        }
        if (a.stallBody()) {
            ex.sendResponseHeaders(200, 100);
            return; // the body never comes
        }
        if (a.retryAfter() != null) {
            ex.getResponseHeaders().add("Retry-After", a.retryAfter());
        }
        byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            ex.getResponseBody().write(out);
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
