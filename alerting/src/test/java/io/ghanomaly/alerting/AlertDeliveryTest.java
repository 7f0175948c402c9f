package io.ghanomaly.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.alert.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class AlertDeliveryTest {
    static Alert alert(int i) {
        return new Alert(
                "rule/people/h" + i, "rule", "people", 0, "summary " + i, Map.of(), "http://x/");
    }

    /** A channel that hangs until released, then records what it got. */
    static final class Stuck implements AlertChannel {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);
        final List<String> got = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "stuck";
        }

        @Override
        public void send(Alert a) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            got.add(a.id());
        }
    }

    @Test
    void aChannelThatIsDownNeitherBlocksTheCallerNorTheOtherChannels() throws Exception {
        Stuck stuck = new Stuck();
        List<String> log = new CopyOnWriteArrayList<>();
        AlertChannel quick =
                new AlertChannel() {
                    @Override
                    public String name() {
                        return "quick";
                    }

                    @Override
                    public void send(Alert a) {
                        log.add(a.id());
                    }
                };
        try (AlertDelivery d =
                new AlertDelivery(
                        List.of(stuck, quick),
                        new AlertDelivery.Policy(
                                3, 3, Duration.ofMillis(10), Duration.ofMillis(50)))) {
            long start = System.nanoTime();
            d.offer(alert(0));
            assertThat(stuck.entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i < 10; i++) {
                d.offer(alert(i));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofSeconds(1));
            // quick took all ten, as they came (its queue of 3 drains as fast as it fills)...
            for (int i = 0; i < 100 && log.size() < 10; i++) {
                Thread.sleep(10);
            }
            // ...the stuck one holds one in hand and 3 queued: the other 6 are counted as dropped
            assertThat(d.counts().get("stuck").dropped()).isEqualTo(6);
            stuck.release.countDown();
            assertThat(d.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(stuck.got).hasSize(4);
            assertThat(d.counts().get("stuck").sent()).isEqualTo(4);
            assertThat(d.counts().get("quick").sent() + d.counts().get("quick").dropped())
                    .isEqualTo(10);
        }
    }

    @Test
    void backoffGrowsWithJitterUnderItsCapAndRetryAfterWins() {
        AlertDelivery.Policy p =
                new AlertDelivery.Policy(1, 10, Duration.ofSeconds(1), Duration.ofSeconds(30));
        DeliveryException e = DeliveryException.retryable("x");
        for (int n = 1; n <= 8; n++) {
            long ceiling = Math.min(30_000, 1000L << (n - 1));
            assertThat(AlertDelivery.backoff(p, n, e).toMillis()).isBetween(ceiling / 2, ceiling);
        }
        assertThat(
                        AlertDelivery.backoff(
                                p, 1, DeliveryException.retryAfter("429", Duration.ofSeconds(7))))
                .isEqualTo(Duration.ofSeconds(7));
        assertThat(
                        AlertDelivery.backoff(
                                p, 1, DeliveryException.retryAfter("429", Duration.ofHours(1))))
                .isEqualTo(Duration.ofSeconds(30));
    }
}
