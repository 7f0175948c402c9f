package io.ghanomaly.job.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording's CPU samples went, by stage of the job: each {@code jdk.ExecutionSample}
 * goes to the stage of the first frame, from the running method outwards, that belongs to one (gzip
 * inside the parser counts as decompression, the parser inside a Flink task as parsing).
 */
public final class ProfileBreakdown {
    /** Stage, then the class-name prefixes that mark it; checked in this order for each frame. */
    private static final String DECOMPRESSION = "decompression (gzip)";

    private static final Map<String, List<String>> STAGES = new LinkedHashMap<>();

    static {
        STAGES.put(DECOMPRESSION, List.of("java.util.zip."));
        STAGES.put(
                "parsing (JSON, archive reader)",
                List.of(
                        "com.fasterxml.jackson.",
                        "io.ghanomaly.core.event.",
                        "io.ghanomaly.core.archive.",
                        "io.ghanomaly.job.source."));
        STAGES.put(
                "scoring (model)",
                List.of("io.ghanomaly.core.model.", "io.ghanomaly.job.scoring."));
        STAGES.put(
                "campaign detection (lockstep)",
                List.of("io.ghanomaly.core.campaign.", "io.ghanomaly.job.campaign."));
        STAGES.put(
                "features and window state",
                List.of(
                        "io.ghanomaly.core.feature.",
                        "io.ghanomaly.job.features.",
                        "org.apache.flink.runtime.state.",
                        "org.apache.flink.streaming.runtime.operators.windowing."));
        STAGES.put(
                "Parquet and Avro (sinks)",
                List.of("org.apache.parquet.", "org.apache.avro.", "io.ghanomaly.job.sink."));
        STAGES.put(
                "serialization and network between tasks",
                List.of(
                        "org.apache.flink.api.common.typeutils.",
                        "org.apache.flink.api.java.typeutils.",
                        "org.apache.flink.runtime.io.network.",
                        "org.apache.flink.runtime.plugable.",
                        "org.apache.flink.core.memory."));
    }

    /** The thread of checkpoints' asynchronous part: writing the state, whatever its type. */
    private static final String CHECKPOINTS = "checkpoints (writing the state)";

    private ProfileBreakdown() {}

    /**
     * Prints the share of CPU samples per stage and the busiest threads. Java code is sampled from
     * {@code jdk.ExecutionSample}; native code only where it inflates gzip ({@code
     * jdk.NativeMethodSample}, weighted for its longer period), as other native samples are threads
     * waiting.
     */
    public static void print(Path recording) throws IOException {
        Map<String, Long> byStage = new LinkedHashMap<>();
        STAGES.keySet().forEach(s -> byStage.put(s, 0L));
        byStage.put(CHECKPOINTS, 0L);
        byStage.put("other (Flink runtime, JVM, start-up)", 0L);
        Map<String, Long> byThread = new TreeMap<>();
        long samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            String type = e.getEventType().getName();
            if (e.getStackTrace() == null
                    || !(type.equals("jdk.ExecutionSample")
                            || type.equals("jdk.NativeMethodSample"))) {
                continue;
            }
            String thread = e.getThread("sampledThread").getJavaName();
            String stage =
                    thread != null && thread.startsWith("AsyncOperations")
                            ? CHECKPOINTS
                            : stageOf(e.getStackTrace().getFrames());
            long weight = 1;
            if (type.equals("jdk.NativeMethodSample")) {
                // Threads in native code: most wait (sockets, polls); zlib's inflate works. The
                // profile settings sample native code every 20 ms, Java code every 10 ms.
                if (!stage.equals(DECOMPRESSION)) {
                    continue;
                }
                weight = 2;
            }
            samples += weight;
            byStage.merge(stage, weight, Long::sum);
            byThread.merge(threadGroup(thread), weight, Long::sum);
        }
        System.out.printf("%nCPU samples by stage (%,d samples, %s):%n", samples, recording);
        for (Map.Entry<String, Long> s : byStage.entrySet()) {
            System.out.printf(
                    "  %-42s %5.1f%%%n",
                    s.getKey(), samples == 0 ? 0 : 100.0 * s.getValue() / samples);
        }
        System.out.println("Busiest threads:");
        long all = Math.max(1, samples);
        byThread.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(6)
                .forEach(
                        t ->
                                System.out.printf(
                                        "  %-60.60s %5.1f%%%n",
                                        t.getKey(), 100.0 * t.getValue() / all));
    }

    /** A thread's name without its subtask index; the per-file inflate threads as one. */
    private static String threadGroup(String thread) {
        if (thread == null) {
            return "?";
        }
        if (thread.startsWith("inflate ")) {
            return "inflate (decompression ahead, one thread per file)";
        }
        return thread.replaceAll("\\s*\\(\\d+/\\d+\\).*", "");
    }

    private static String stageOf(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            if (f.getMethod() == null || f.getMethod().getType() == null) {
                continue;
            }
            String type = f.getMethod().getType().getName();
            for (Map.Entry<String, List<String>> s : STAGES.entrySet()) {
                for (String prefix : s.getValue()) {
                    if (type.startsWith(prefix)) {
                        return s.getKey();
                    }
                }
            }
        }
        return "other (Flink runtime, JVM, start-up)";
    }
}
