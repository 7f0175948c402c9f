package io.ghanomaly.job.scoring;

/**
 * A model bundle file as the model source read it: its bytes when it is a bundle this job can
 * score, or why it is not.
 *
 * @param path where it was read
 * @param version the bundle's version, or null when refused
 * @param content the file's bytes, or null when refused
 * @param refusal why the file cannot be used, or null
 */
@SuppressWarnings("ArrayRecordComponent") // opaque bytes, never compared
public record ModelFile(String path, String version, byte[] content, String refusal) {
    public boolean usable() {
        return refusal == null;
    }
}
