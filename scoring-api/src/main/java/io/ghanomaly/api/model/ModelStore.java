package io.ghanomaly.api.model;

import io.ghanomaly.core.model.ModelBundle;
import io.ghanomaly.core.model.ModelBundleFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model being served: the newest usable bundle of the model directory, checked as the job
 * checks it ({@link ModelBundleFile#read}: a corrupt, half-written or incompatible bundle is
 * refused, logged once, and the current model keeps serving). Bundles are {@code model-*.json}, not
 * hidden, in any folder not starting with a dot or underscore, newest name first (versions sort by
 * time); as in the job, a bundle replaces the current one only when its version is newer.
 */
public final class ModelStore {
    private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);

    private final Path dir;
    private volatile ModelBundle current;

    /** Files already judged, by path, with the size and time they had: read each once. */
    private final Map<Path, Seen> seen = new HashMap<>();

    /** The bot policy of every bundle read, by version: whom a stored row's score speaks for. */
    private final Map<String, ModelBundle.BotPolicy> policies = new HashMap<>();

    private record Seen(long size, long modifiedMillis, String refusal) {}

    public ModelStore(Path dir) {
        this.dir = dir;
    }

    public Optional<ModelBundle> current() {
        return Optional.ofNullable(current);
    }

    /** The bot policy of a bundle version read before, if it was. */
    public synchronized Optional<ModelBundle.BotPolicy> policyOf(String version) {
        return Optional.ofNullable(policies.get(version));
    }

    /** The bundles refused so far and why, by file. */
    public synchronized Map<String, String> refusals() {
        Map<String, String> out = new HashMap<>();
        seen.forEach(
                (p, s) -> {
                    if (s.refusal() != null) {
                        out.put(p.toString(), s.refusal());
                    }
                });
        return out;
    }

    /** Looks at the directory again; returns whether the served model changed. */
    public synchronized boolean refresh() {
        for (Path file : bundleFiles()) {
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (IOException e) {
                continue; // gone since the listing
            }
            Seen before = seen.get(file);
            long size = attrs.size();
            long modified = attrs.lastModifiedTime().toMillis();
            if (before != null && before.size() == size && before.modifiedMillis() == modified) {
                if (before.refusal() == null) {
                    return false; // the newest usable bundle is the one we read before
                }
                continue;
            }
            try {
                ModelBundle bundle = ModelBundleFile.read(file);
                seen.put(file, new Seen(size, modified, null));
                policies.put(bundle.version(), bundle.botPolicy());
                if (current != null && bundle.version().compareTo(current.version()) <= 0) {
                    return false;
                }
                LOG.info(
                        "Serving model {} from {} (was {})",
                        bundle.version(),
                        file,
                        current == null ? "none" : current.version());
                current = bundle;
                return true;
            } catch (IOException | RuntimeException e) {
                seen.put(file, new Seen(size, modified, e.getMessage()));
                LOG.warn(
                        "Refused model file: {}; {} keeps serving",
                        e.getMessage(),
                        current == null ? "no model" : current.version());
            }
        }
        return false;
    }

    private List<Path> bundleFiles() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> !p.equals(dir))
                    .filter(this::visible)
                    .filter(p -> p.getFileName().toString().startsWith("model-"))
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot list the model directory {}: {}", dir, e.toString());
            return List.of();
        }
    }

    /** Not hidden, and in no hidden or underscore folder below the model directory. */
    private boolean visible(Path p) {
        for (Path part : dir.relativize(p)) {
            String s = part.toString();
            if (s.startsWith(".") || s.startsWith("_")) {
                return false;
            }
        }
        return true;
    }
}
