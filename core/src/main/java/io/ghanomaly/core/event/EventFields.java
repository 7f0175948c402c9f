package io.ghanomaly.core.event;

/**
 * What has been read of one event so far, by either of {@link GhEventParser}'s two paths (Jackson,
 * or {@link FastEventScanner}), and the checks that make it a {@link GhEvent}: both paths fill the
 * same fields by the same rules, so the event and its errors do not depend on the path.
 */
final class EventFields {
    String type;
    String createdAt;
    long actorId = -1;
    String actorLogin;
    String attributesLogin;
    String repoName;
    String timelineRepoName;
    String action;
    String refType;
    int pushSize = -1;
    int commitsLength = -1;
    int shasLength = -1;

    /** Whether a field read may hold a lone surrogate: only an escape can write one. */
    boolean mayHoldEscapes = true;

    GhEvent toEvent() throws MalformedEventException {
        if (type == null || type.isEmpty()) {
            throw new MalformedEventException(
                    DeadLetterReason.MISSING_TYPE, "The event has no type (or an empty one)");
        }
        String login = actorLogin != null ? actorLogin : attributesLogin;
        if (login == null || login.isEmpty()) {
            throw new MalformedEventException(
                    DeadLetterReason.MISSING_ACTOR,
                    "The event names no actor (no actor.login, actor or"
                            + " actor_attributes.login), as for deleted users and anonymous"
                            + " gists");
        }
        if (createdAt == null) {
            throw new MalformedEventException(
                    DeadLetterReason.MISSING_TIMESTAMP,
                    "The event has no created_at, so it belongs to no hour");
        }
        checkLength("type", type, GhEventParser.MAX_TYPE_LENGTH);
        checkLength("actor login", login, GhEventParser.MAX_LOGIN_LENGTH);
        checkLength("repository name", repoName, GhEventParser.MAX_REPO_LENGTH);
        checkLength("repository name", timelineRepoName, GhEventParser.MAX_REPO_LENGTH);
        if (mayHoldEscapes) {
            checkUnicode("type", type);
            checkUnicode("actor login", login);
            checkUnicode("repository name", repoName != null ? repoName : timelineRepoName);
        }
        long millis = Timestamps.parseEpochMillis(createdAt);
        return new GhEvent(
                millis,
                type,
                actorId,
                login,
                repoName != null ? repoName : timelineRepoName,
                action,
                refType,
                type.equals("PushEvent") ? pushedCommits() : 0,
                type.equals("PushEvent") && pushSize < 0 && commitsLength < 0 && shasLength < 0);
    }

    private int pushedCommits() {
        if (pushSize >= 0) {
            return pushSize;
        }
        if (commitsLength >= 0) {
            return commitsLength;
        }
        if (shasLength >= 0) {
            return shasLength;
        }
        return 1;
    }

    /**
     * Longer than GitHub allows (logins 39, repositories 100 + owner): a damaged or hostile line.
     */
    private static void checkLength(String field, String value, int max)
            throws MalformedEventException {
        if (value != null && value.length() > max) {
            throw new MalformedEventException(
                    DeadLetterReason.FIELD_TOO_LONG,
                    field
                            + " is "
                            + value.length()
                            + " characters long; at most "
                            + max
                            + " are taken");
        }
    }

    /**
     * An escaped lone surrogate ("\\ud800") is legal JSON syntax but no Unicode text: written out
     * as UTF-8 (Parquet, JSON) it becomes "?", so distinct logins would merge into one.
     */
    private static void checkUnicode(String field, String value) throws MalformedEventException {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++; // a pair: one character beyond the BMP
                continue;
            }
            throw new MalformedEventException(
                    DeadLetterReason.MALFORMED_JSON,
                    String.format(
                            "%s holds a lone surrogate \\u%04x, which is no Unicode character",
                            field, (int) c));
        }
    }
}
