package io.ghanomaly.core.event;

/** Why a line of an archive file did not become an event; each is counted and kept. */
public enum DeadLetterReason {
    /**
     * Not parseable as JSON (syntax error, invalid UTF-8, trailing garbage, Jackson's nesting and
     * length limits), or a type, login or repository name holding an escaped lone surrogate.
     */
    MALFORMED_JSON,
    /** Valid JSON, but not an object. */
    NOT_AN_OBJECT,
    /** No {@code type}. */
    MISSING_TYPE,
    /** No actor login in {@code actor}, {@code actor.login} or {@code actor_attributes.login}. */
    MISSING_ACTOR,
    /** No {@code created_at}. */
    MISSING_TIMESTAMP,
    /** A {@code created_at} that is not an ISO-8601 date-time. */
    BAD_TIMESTAMP,
    /**
     * A {@code created_at} implausibly far outside the hour of its file (more than {@code
     * ArchiveHour.PLAUSIBLE_SKEW}): a broken clock or a re-import, never a straggler.
     */
    IMPLAUSIBLE_TIMESTAMP,
    /** A login, type or repository name far longer than GitHub allows. */
    FIELD_TOO_LONG,
    /** A field the features need has the wrong JSON type (a number for a login, ...). */
    WRONG_FIELD_TYPE,
    /** Longer than the configured maximum line length; kept whole, never parsed. */
    LINE_TOO_LONG,
    /** The last, incomplete line before the point where a damaged file breaks off. */
    TRUNCATED_LINE,
    /**
     * The file itself could not be read further (empty, corrupt or truncated gzip, I/O error). For
     * gzip data that fails its checksum, this one record stands for every line of the file.
     */
    FILE_ERROR,
    /** A file whose name is not an archive hour ({@code 2015-01-01-00.json.gz}); not read. */
    NOT_AN_ARCHIVE_HOUR;

    /** The name used in metrics and output: lower case, e.g. {@code malformed_json}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
