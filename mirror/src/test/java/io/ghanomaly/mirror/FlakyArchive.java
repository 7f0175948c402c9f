package io.ghanomaly.mirror;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A GH Archive on 127.0.0.1 (any free port) that serves real hours, with Range requests as
 * data.gharchive.org answers them, and misbehaves on request: per file, a queue of one-request
 * tricks, then one trick for every request after.
 */
final class FlakyArchive implements AutoCloseable {
    /** What the archive does with one request for a file. */
    enum Trick {
        /** Serve it properly (206 for a Range). */
        SERVE,
        /** 503 Service Unavailable. */
        UNAVAILABLE,
        /** 429 Too Many Requests with Retry-After: 1. */
        TOO_MANY_REQUESTS,
        /** Send the headers and 64 KiB of the body, then nothing until the archive closes. */
        STALL,
        /** Send the headers and half the body, then close the connection. */
        TRUNCATE,
        /** Serve it with 16 bytes in the middle flipped. */
        CORRUPT,
        /** Serve the whole file with 200 whatever the Range. */
        IGNORE_RANGE,
        /** Wait a second, then serve it. */
        SLOW,
        /** Serve it in 30 parts, 100 ms apart: slow, but never idle for long. */
        TRICKLE
    }

    /** One request as it arrived. */
    record Request(String name, String range, int status, long arrivedNanos) {}

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");
    static final int STALL_BYTES = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Set<String> hidden = ConcurrentHashMap.newKeySet();
    private final Map<String, Deque<Trick>> once = new ConcurrentHashMap<>();
    private final Map<String, Trick> always = new ConcurrentHashMap<>();
    private final List<Request> requests = new ArrayList<>();

    private FlakyArchive() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor); // a stalled answer must not hold up the others
        server.createContext("/", this::handle);
        server.start();
    }

    /** An archive of every {@code *.json.gz} in {@code dir}, under its own name. */
    static FlakyArchive serving(Path dir) throws IOException {
        FlakyArchive archive = new FlakyArchive();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".json.gz")).toList()) {
                archive.files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return archive;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Serves {@code bytes} as {@code name}. */
    FlakyArchive put(String name, byte[] bytes) {
        files.put(name, bytes);
        return this;
    }

    /** The next requests for {@code name} get these tricks, one each, in order. */
    FlakyArchive then(String name, Trick... tricks) {
        once.computeIfAbsent(name, n -> new ArrayDeque<>()).addAll(List.of(tricks));
        return this;
    }

    /** Every request for {@code name} after the queued tricks gets {@code trick}. */
    FlakyArchive always(String name, Trick trick) {
        always.put(name, trick);
        return this;
    }

    /** {@code name} answers 404 until {@link #publish}. */
    FlakyArchive hide(String name) {
        hidden.add(name);
        return this;
    }

    void publish(String name) {
        hidden.remove(name);
    }

    byte[] bytesOf(String name) {
        return files.get(name);
    }

    List<Request> requestsFor(String name) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.name().equals(name)).toList();
        }
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void handle(HttpExchange exchange) {
        long arrived = System.nanoTime();
        String name = exchange.getRequestURI().getPath().replaceFirst("^/+", "");
        String range = exchange.getRequestHeaders().getFirst("Range");
        int index;
        synchronized (requests) {
            index = requests.size();
            requests.add(new Request(name, range, 0, arrived)); // recorded on arrival: 0 so far
        }
        Trick trick = nextTrick(name);
        byte[] file = hidden.contains(name) ? null : files.get(name);
        int status;
        try {
            status = answer(exchange, file, range, trick);
        } catch (IOException e) {
            status = -1; // the client went away (a stall it cut off)
        }
        try {
            exchange.close(); // with bytes missing (TRUNCATE, STALL): drops the connection
        } catch (RuntimeException e) {
            // the connection is gone already
        }
        synchronized (requests) {
            requests.set(index, new Request(name, range, status, arrived));
        }
    }

    private Trick nextTrick(String name) {
        Deque<Trick> queue = once.get(name);
        synchronized (this) {
            Trick t = queue == null ? null : queue.poll();
            return t != null ? t : always.getOrDefault(name, Trick.SERVE);
        }
    }

    private int answer(HttpExchange exchange, byte[] file, String range, Trick trick)
            throws IOException {
        if (file == null) {
            exchange.sendResponseHeaders(404, -1);
            return 404;
        }
        if (trick == Trick.UNAVAILABLE) {
            byte[] body = "try later".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            return 503;
        }
        if (trick == Trick.TOO_MANY_REQUESTS) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            exchange.sendResponseHeaders(429, -1);
            return 429;
        }
        if (trick == Trick.SLOW) {
            sleep(1000);
        }
        byte[] bytes = file;
        if (trick == Trick.CORRUPT) {
            bytes = file.clone();
            for (int i = bytes.length / 2; i < bytes.length / 2 + 16; i++) {
                bytes[i] ^= (byte) 0xFF;
            }
        }
        int offset = 0;
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (m != null && m.matches() && trick != Trick.IGNORE_RANGE) {
            offset = (int) Math.min(Long.parseLong(m.group(1)), Integer.MAX_VALUE);
            if (offset >= bytes.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + bytes.length);
                exchange.sendResponseHeaders(416, -1);
                return 416;
            }
            exchange.getResponseHeaders()
                    .set(
                            "Content-Range",
                            "bytes " + offset + "-" + (bytes.length - 1) + "/" + bytes.length);
        }
        int status = offset > 0 ? 206 : 200;
        int length = bytes.length - offset;
        exchange.sendResponseHeaders(status, length);
        OutputStream body = exchange.getResponseBody();
        if (trick == Trick.STALL) {
            body.write(bytes, offset, Math.min(STALL_BYTES, length / 2));
            body.flush();
            awaitClosing(60_000);
            return status;
        }
        if (trick == Trick.TRUNCATE) {
            body.write(bytes, offset, length / 2);
            body.flush();
            return status; // exchange.close() with bytes missing drops the connection
        }
        if (trick == Trick.TRICKLE) {
            int part = length / 30 + 1;
            for (int from = offset; from < bytes.length; from += part) {
                body.write(bytes, from, Math.min(part, bytes.length - from));
                body.flush();
                sleep(100);
            }
            return status;
        }
        body.write(bytes, offset, length);
        return status;
    }

    private void awaitClosing(long millis) {
        try {
            closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sleep(long millis) {
        awaitClosing(millis);
    }
}
