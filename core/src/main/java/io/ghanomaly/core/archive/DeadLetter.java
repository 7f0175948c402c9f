package io.ghanomaly.core.archive;

import io.ghanomaly.core.event.DeadLetterReason;

/**
 * A line, or a whole file, that did not become an event, kept with everything needed to find it and
 * replay it.
 *
 * @param sourceFile the file's path as the source saw it
 * @param lineNumber 1-based line number; for a file error, the last line read before it
 * @param reason why, one of {@link DeadLetterReason}
 * @param detail the parser's or the I/O error's message
 * @param rawLine the line as read (invalid UTF-8 replaced), or null for a file error
 */
public record DeadLetter(
        String sourceFile,
        long lineNumber,
        DeadLetterReason reason,
        String detail,
        String rawLine) {}
