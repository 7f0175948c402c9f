package io.ghanomaly.alerting;

import io.ghanomaly.core.alert.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts to every channel without ever making the caller wait: each channel has a bounded
 * queue and a thread of its own. {@link #offer} returns at once; when a channel's queue is full the
 * alert is dropped for that channel and counted. A failed send is tried again after a backoff with
 * full jitter (base doubling to a cap), or after the receiver's {@code Retry-After}, up to a number
 * of attempts; a permanent failure is not retried. A slow or dead channel delays only itself.
 */
public final class AlertDelivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertDelivery.class);

    /**
     * @param queue alerts a channel may hold while it is slow or down
     * @param attempts tries per alert and channel
     * @param base the first backoff; doubles per attempt
     * @param cap the longest backoff, and the longest {@code Retry-After} honoured
     */
    public record Policy(int queue, int attempts, Duration base, Duration cap) {
        public static final Policy DEFAULT =
                new Policy(1000, 12, Duration.ofSeconds(1), Duration.ofMinutes(2));
    }

    /** What happened to alerts on one channel so far. */
    public record Counts(long sent, long failed, long dropped, long retries) {}

    private final List<Lane> lanes = new ArrayList<>();

    public AlertDelivery(List<AlertChannel> channels, Policy policy) {
        for (AlertChannel c : channels) {
            Lane lane = new Lane(c, policy);
            lanes.add(lane);
            lane.thread.start();
        }
    }

    /** Queues the alert for every channel; never blocks. */
    public void offer(Alert alert) {
        for (Lane lane : lanes) {
            lane.pending.incrementAndGet();
            if (!lane.queue.offer(alert)) {
                lane.pending.decrementAndGet();
                lane.dropped.incrementAndGet();
                LOG.warn(
                        "{}: queue full, alert {} dropped for this channel",
                        lane.channel.name(),
                        alert.id());
            }
        }
    }

    /** Per channel, in the order given. */
    public Map<String, Counts> counts() {
        Map<String, Counts> out = new LinkedHashMap<>();
        for (Lane l : lanes) {
            out.put(
                    l.channel.name(),
                    new Counts(l.sent.get(), l.failed.get(), l.dropped.get(), l.retries.get()));
        }
        return out;
    }

    /** Waits until every queued alert has been sent or given up, at most {@code timeout}. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Lane l : lanes) {
            while (!l.idle()) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(10);
            }
        }
        return true;
    }

    /** Stops the threads; alerts still queued are not sent. */
    @Override
    public void close() {
        for (Lane l : lanes) {
            l.thread.interrupt();
        }
        for (Lane l : lanes) {
            try {
                l.thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** How one alert went on one channel: sent or not, in how many attempts, the last error. */
    public record Outcome(boolean sent, int attempts, String error) {}

    /**
     * Sends until it is sent, the failure is permanent or the attempts are used up, waiting the
     * backoff (or the receiver's {@code Retry-After}) between attempts: the one retry loop, for the
     * lanes and for {@code alert-test}.
     */
    public static Outcome sendWithRetries(AlertChannel channel, Alert alert, Policy policy)
            throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                channel.send(alert);
                return new Outcome(true, attempt, null);
            } catch (DeliveryException e) {
                if (!e.isRetryable() || attempt >= policy.attempts()) {
                    return new Outcome(false, attempt, e.getMessage());
                }
                Duration wait = backoff(policy, attempt, e);
                LOG.info(
                        "{}: {}; trying again in {} ms",
                        channel.name(),
                        e.getMessage(),
                        wait.toMillis());
                Thread.sleep(wait.toMillis());
            }
        }
    }

    /** The backoff before attempt {@code n + 1} (n from 1): full jitter over base * 2^(n-1). */
    static Duration backoff(Policy p, int n, DeliveryException e) {
        if (e.retryAfter() != null) {
            return e.retryAfter().compareTo(p.cap()) > 0 ? p.cap() : e.retryAfter();
        }
        long ceiling = Math.min(p.cap().toMillis(), p.base().toMillis() << Math.min(n - 1, 30));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    private static final class Lane implements Runnable {
        final AlertChannel channel;
        final Policy policy;
        final BlockingQueue<Alert> queue;
        final Thread thread;
        final AtomicLong sent = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong retries = new AtomicLong();

        /** Queued or being sent: counted before it is queued, uncounted once done with. */
        final AtomicLong pending = new AtomicLong();

        Lane(AlertChannel channel, Policy policy) {
            this.channel = channel;
            this.policy = policy;
            this.queue = new ArrayBlockingQueue<>(policy.queue());
            this.thread = new Thread(this, "alerts-" + channel.name());
            this.thread.setDaemon(true);
        }

        boolean idle() {
            return pending.get() == 0;
        }

        @Override
        public void run() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Alert a = queue.poll(1, TimeUnit.SECONDS);
                    if (a == null) {
                        continue;
                    }
                    try {
                        deliver(a);
                    } catch (RuntimeException e) {
                        // a channel's bug must not end its thread; the message may hold a URL
                        failed.incrementAndGet();
                        LOG.warn(
                                "{}: alert {} not sent: {}",
                                channel.name(),
                                a.id(),
                                e.getClass().getSimpleName());
                    } finally {
                        pending.decrementAndGet();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void deliver(Alert a) throws InterruptedException {
            Outcome o = sendWithRetries(channel, a, policy);
            retries.addAndGet(o.attempts() - 1);
            if (o.sent()) {
                sent.incrementAndGet();
                LOG.info("{}: sent alert {}", channel.name(), a.id());
            } else {
                failed.incrementAndGet();
                LOG.warn(
                        "{}: alert {} not sent after {} attempt(s): {}",
                        channel.name(),
                        a.id(),
                        o.attempts(),
                        o.error());
            }
        }
    }
}
