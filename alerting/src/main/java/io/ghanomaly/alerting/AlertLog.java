package io.ghanomaly.alerting;

import io.ghanomaly.core.alert.Alert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Every alert as one JSON line appended to a local file: the record that is always kept. */
public final class AlertLog implements AlertChannel {
    private final Path file;

    public AlertLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public synchronized void send(Alert alert) throws DeliveryException {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(
                    file,
                    AlertMessages.json(alert).toString() + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw DeliveryException.retryable(
                    "log: cannot append to " + file + ": " + e.getMessage());
        }
    }
}
