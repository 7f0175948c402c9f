package io.ghanomaly.core.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ghanomaly.core.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InflateAheadTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "gharchive/hours/2011-02-15-0.json.gz",
                "gharchive/hours/2013-02-15-0.json.gz",
                "gharchive/hours/2015-01-01-15.json.gz"
            })
    void givesTheBytesOfTheStreamItWrapsInTheirOrder(String file) throws IOException {
        Path path = SharedData.require(file);
        byte[] expected;
        try (InputStream direct = new GZIPInputStream(Files.newInputStream(path))) {
            expected = direct.readAllBytes();
        }
        try (InputStream ahead = ahead(path)) {
            assertThat(readInRandomSizes(ahead, new Random(file.hashCode())).toByteArray())
                    .isEqualTo(expected);
            assertThat(ahead.read()).isEqualTo(-1);
            assertThat(ahead.read(new byte[8], 0, 8)).isEqualTo(-1);
        }
    }

    @Test
    void givesEveryByteBeforeAFailureThenTheFailureOnEveryRead() throws IOException {
        Path path = SharedData.require("gharchive/bad/2015-01-01-0.truncated.json.gz");
        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        IOException directFailure = null;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(path))) {
            byte[] b = new byte[4096];
            for (int n; (n = in.read(b)) >= 0; ) {
                direct.write(b, 0, n);
            }
        } catch (IOException e) {
            directFailure = e;
        }
        assertThat(directFailure).as("the file is truncated").isNotNull();

        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (InputStream ahead = ahead(path)) {
            byte[] b = new byte[4096];
            IOException failure = null;
            try {
                for (int n; (n = ahead.read(b)) >= 0; ) {
                    got.write(b, 0, n);
                }
            } catch (IOException e) {
                failure = e;
            }
            assertThat(failure)
                    .isInstanceOf(directFailure.getClass())
                    .hasMessage(directFailure.getMessage());
            assertThatThrownBy(ahead::read).isSameAs(failure);
        }
        assertThat(got.toByteArray()).isEqualTo(direct.toByteArray());
    }

    @Test
    void closingInTheMiddleStopsItsThread() throws Exception {
        Path path = SharedData.require("gharchive/hours/2015-01-01-15.json.gz");
        InputStream ahead =
                new InflateAhead(new GZIPInputStream(Files.newInputStream(path)), "closing test");
        assertThat(ahead.read(new byte[100], 0, 100)).isPositive();
        Thread.sleep(50); // the thread fills its queue and waits for the reader
        assertThat(inflateThreads()).isPositive();
        ahead.close();
        assertThat(inflateThreads()).isZero();
    }

    private static InputStream ahead(Path path) throws IOException {
        return new InflateAhead(
                new GZIPInputStream(Files.newInputStream(path)), path.getFileName().toString());
    }

    private static long inflateThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("inflate closing test") && t.isAlive())
                .count();
    }

    private static ByteArrayOutputStream readInRandomSizes(InputStream in, Random random)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = new byte[1 << 18];
        while (true) {
            if (random.nextInt(10) == 0) {
                int c = in.read();
                if (c < 0) {
                    return out;
                }
                out.write(c);
                continue;
            }
            int off = random.nextInt(16);
            int n = in.read(b, off, 1 + random.nextInt(b.length - off - 1));
            if (n < 0) {
                return out;
            }
            out.write(b, off, n);
        }
    }
}
