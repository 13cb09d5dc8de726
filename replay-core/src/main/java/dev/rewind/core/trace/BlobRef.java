/*
 * BlobRef: a reference to a content-addressed file copy in a trace's blobs/ folder (named by the
 * SHA-256 of its content), and the offset into it that a mapping starts at.
 */
package dev.rewind.core.trace;

import java.util.regex.Pattern;

public record BlobRef(String sha256, long offset) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public BlobRef {
        if (sha256 == null || !HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("blob hash must be 64 lowercase hex digits, got " + sha256);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("blob offset must be >= 0, got " + offset);
        }
    }
}
