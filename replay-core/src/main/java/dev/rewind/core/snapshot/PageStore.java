/*
 * PageStore: content-addressed memory pages (DESIGN.md, "Snapshots and the page store"): a page
 * is stored once under the SHA-256 of its bytes, however many snapshots hold it. One small
 * interface: LocalPageStore keeps them in a folder; a remote object store can implement it later.
 */
package dev.rewind.core.snapshot;

public interface PageStore {
    /** What put did: the page's hash (hex), and whether it was new (its stored size, else 0). */
    record Stored(String hash, boolean added, long storedBytes) {
    }

    /** Stores a 4 KiB page unless a page with the same bytes is there already. */
    Stored put(byte[] page) throws SnapshotException;

    /** The page with that hash, checked against it: a damaged or missing page is an error. */
    byte[] get(String hash) throws SnapshotException;

    /** Bytes the stored pages take. */
    long storedBytes() throws SnapshotException;
}
