package io.ghanomaly.core.event;

/** A line that could not be turned into a {@link GhEvent}, with the reason it is dead-lettered. */
public final class MalformedEventException extends Exception {
    private static final long serialVersionUID = 1L;

    private final DeadLetterReason reason;

    public MalformedEventException(DeadLetterReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }
}
