package io.ghanomaly.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.api.testing.ApiTesting;
import io.ghanomaly.api.testing.ApiTesting.Answer;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The lane over a real server: answers, errors through the usual replies, and a full queue. */
class QueryLaneTest {
    @Test
    void answersAndErrorsLeaveAsOnTheRequestThread() {
        try (QueryLane lane = new QueryLane(1, 4)) {
            Javalin app = Javalin.create();
            ErrorReplies.register(app);
            app.get(
                    "/ok",
                    lane.of(
                            ctx ->
                                    JsonBodies.send(
                                            ctx, List.of(Thread.currentThread().getName()))));
            app.get(
                    "/missing",
                    lane.of(
                            ctx -> {
                                throw ApiError.notFound("no such hour");
                            }));
            app.get(
                    "/broken",
                    lane.of(
                            ctx -> {
                                throw new SQLException("file removed");
                            }));
            JavalinTest.test(
                    app,
                    (server, client) -> {
                        Answer ok = ApiTesting.answer(client.get("/ok"));
                        assertThat(ok.status()).isEqualTo(200);
                        assertThat(ok.json().get(0).asText()).startsWith("query-");

                        Answer missing = ApiTesting.answer(client.get("/missing"));
                        assertThat(missing.status()).isEqualTo(404);
                        assertThat(missing.error()).isEqualTo("no such hour");

                        Answer broken = ApiTesting.answer(client.get("/broken"));
                        assertThat(broken.status()).isEqualTo(503);
                        assertThat(broken.error()).contains("try again");
                    });
        }
    }

    @Test
    void pastTheQueueA503SaysRetryWhileRequestThreadsStayFree() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try (QueryLane lane = new QueryLane(1, 2)) {
            Javalin app = Javalin.create();
            ErrorReplies.register(app);
            app.get(
                    "/slow",
                    lane.of(
                            ctx -> {
                                started.countDown();
                                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                                JsonBodies.send(ctx, List.of("done"));
                            }));
            app.get("/predict", ctx -> JsonBodies.send(ctx, List.of("free")));
            JavalinTest.test(
                    app,
                    (server, client) -> {
                        List<CompletableFuture<Answer>> held = new ArrayList<>();
                        held.add(slow(client));
                        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
                        held.add(slow(client)); // the queue's two places
                        held.add(slow(client));
                        Answer refused = null;
                        for (int i = 0; i < 200 && refused == null; i++) {
                            Thread.sleep(10); // until both places are taken
                            CompletableFuture<Answer> a = slow(client);
                            Answer now = a.getNow(null);
                            if (a.isDone() && now.status() == 503) {
                                refused = now;
                            } else {
                                held.add(a);
                            }
                        }
                        assertThat(refused).isNotNull();
                        assertThat(refused.error()).contains("busy").contains("retry");
                        // the request threads are free meanwhile
                        assertThat(ApiTesting.answer(client.get("/predict")).status())
                                .isEqualTo(200);

                        release.countDown();
                        long answered = 0;
                        for (CompletableFuture<Answer> a : held) {
                            int status = a.get(30, TimeUnit.SECONDS).status();
                            assertThat(status).isIn(200, 503);
                            answered += status == 200 ? 1 : 0;
                        }
                        assertThat(answered).isGreaterThanOrEqualTo(3);
                    });
        }
    }

    /** Callers of their own: the common pool may have one thread on a 2-core machine. */
    private static final ExecutorService CALLERS = Executors.newCachedThreadPool();

    private static CompletableFuture<Answer> slow(io.javalin.testtools.HttpClient client) {
        CompletableFuture<Answer> a =
                CompletableFuture.supplyAsync(
                        () -> ApiTesting.answer(client.get("/slow")), CALLERS);
        try {
            Thread.sleep(20); // a refusal comes back at once; a queued request does not
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return a;
    }
}
