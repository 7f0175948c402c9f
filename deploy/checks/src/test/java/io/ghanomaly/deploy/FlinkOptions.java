package io.ghanomaly.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.FallbackKey;

/**
 * Flink 2.2's configuration options, read from its own jars ({@code *Options} classes of
 * flink-core, flink-runtime, flink-kubernetes and flink-statebackend-rocksdb), to judge the keys
 * and values our deployment files set.
 */
final class FlinkOptions {
    private static final Set<String> JARS =
            Set.of("flink-core", "flink-runtime", "flink-kubernetes", "flink-statebackend-rocksdb");

    /**
     * Keys of one metric reporter ({@code metrics.reporter.NAME.KEY}): Flink's own for every
     * reporter and the Prometheus reporter's port.
     */
    private static final Set<String> REPORTER_KEYS =
            Set.of(
                    "factory.class",
                    "interval",
                    "scope.delimiter",
                    "scope.variables.excludes",
                    "port");

    private static Map<String, ConfigOption<?>> options;
    private static Map<String, String> replacements;

    private FlinkOptions() {}

    /**
     * What is wrong with a set of Flink settings: unknown or deprecated keys, unreadable values.
     */
    static List<String> problems(Map<String, String> settings) {
        load();
        List<String> problems = new ArrayList<>();
        Configuration conf = Configuration.fromMap(settings);
        Set<String> reporters =
                Set.of(settings.getOrDefault("metrics.reporters", "").split(",", -1));
        for (String key : settings.keySet()) {
            if (replacements.containsKey(key)) {
                problems.add(key + " is deprecated in Flink 2.2: " + replacements.get(key));
            } else if (key.startsWith("metrics.reporter.")) {
                String rest = key.substring("metrics.reporter.".length());
                String name = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
                if (!reporters.contains(name)
                        || !REPORTER_KEYS.contains(rest.substring(name.length() + 1))) {
                    problems.add(key + " is not a key of a reporter listed in metrics.reporters");
                }
            } else if (!options.containsKey(key)) {
                problems.add(key + " is not a Flink 2.2 option");
            } else if (!settings.get(key).contains("${")) { // Terraform's expressions: its to check
                try {
                    conf.get(options.get(key));
                } catch (IllegalArgumentException e) {
                    problems.add(
                            key
                                    + ": "
                                    + settings.get(key)
                                    + " is not a valid value: "
                                    + e.getMessage());
                }
            }
        }
        return problems;
    }

    private static synchronized void load() {
        if (options != null) {
            return;
        }
        options = new HashMap<>();
        replacements = new HashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator, -1)) {
            String name = new File(entry).getName();
            if (name.endsWith(".jar") && JARS.contains(name.replaceAll("-[0-9][^-]*\\.jar$", ""))) {
                scan(entry);
            }
        }
    }

    private static void scan(String jar) {
        try (JarFile j = new JarFile(jar)) {
            for (Enumeration<JarEntry> e = j.entries(); e.hasMoreElements(); ) {
                String n = e.nextElement().getName();
                if (n.endsWith("Options.class") && !n.contains("$")) {
                    read(n.substring(0, n.length() - ".class".length()).replace('/', '.'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void read(String className) {
        try {
            for (Field f : Class.forName(className).getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigOption.class) {
                    ConfigOption<?> o = (ConfigOption<?>) f.get(null);
                    if (f.isAnnotationPresent(Deprecated.class)) {
                        replacements.putIfAbsent(o.key(), "the option itself is deprecated");
                    } else {
                        options.put(o.key(), o);
                        replacements.remove(o.key());
                    }
                    for (FallbackKey k : o.fallbackKeys()) {
                        if (k.isDeprecated() && !options.containsKey(k.getKey())) {
                            replacements.put(k.getKey(), "use " + o.key());
                        }
                    }
                }
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            // a class that needs what we left out (fabric8, RocksDB's natives): not an options
            // class we use
        }
    }
}
