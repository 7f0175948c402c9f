package io.ghanomaly.mirror;

import io.ghanomaly.core.archive.ArchiveHour;
import java.time.Duration;

/**
 * What became of one archive file.
 *
 * @param file the file
 * @param status what became of it
 * @param size its length in bytes, when it is there (placed, already there or verified)
 * @param retries how many tries after the first it took
 * @param took the time from its first try to its result
 * @param problem why it is not there, for the log; empty when it is
 */
record FileResult(
        ArchiveHour file, Status status, long size, int retries, Duration took, String problem) {

    /** What became of a file. */
    enum Status {
        /** Downloaded, gzip-checked and renamed to its archive name. */
        FETCHED,
        /** Already in the output directory under its archive name. */
        ALREADY_THERE,
        /** Downloaded and gzip-checked, still under its hidden name (not yet renamed). */
        VERIFIED,
        /** Verified, but left under its hidden name because an earlier hour is not there yet. */
        DEFERRED,
        /** 404 for an hour that ended longer ago than --hole-after: a hole in the archive. */
        HOLE,
        /** 404 for an hour that ended too recently to call it a hole. */
        NOT_YET,
        /** Network errors, time-outs or 5xx/429 on every try; its partial file is kept. */
        FAILED,
        /** Not a sound gzip file on any try; deleted. */
        CORRUPT,
        /** A status that trying again will not change (403, 400, ...). */
        REFUSED
    }

    /** Whether the file is in place under its archive name. */
    boolean inPlace() {
        return status == Status.FETCHED || status == Status.ALREADY_THERE;
    }

    /** Whether following tries the file again later rather than giving up on it. */
    boolean worthAnotherRound() {
        return status == Status.NOT_YET || status == Status.DEFERRED || status == Status.FAILED;
    }

    FileResult with(Status newStatus, String newProblem) {
        return new FileResult(file, newStatus, size, retries, took, newProblem);
    }
}
