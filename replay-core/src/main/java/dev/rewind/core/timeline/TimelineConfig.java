/*
 * TimelineConfig: how the Timeline places save points: one at every multiple of `interval` events
 * the replay passes, at most `maxCount` of them holding at most `maxBytes` of memory together.
 */
package dev.rewind.core.timeline;

public record TimelineConfig(long interval, int maxCount, long maxBytes) {
    /** One save point every 1000 events, at most 64 of them and 512 MiB. */
    public static final TimelineConfig DEFAULT = new TimelineConfig(1000, 64, 512L << 20);

    public TimelineConfig {
        if (interval < 1) {
            throw new IllegalArgumentException("save point interval must be >= 1 event, got " + interval);
        }
        if (maxCount < 2) {
            throw new IllegalArgumentException("at least 2 save points must be allowed, got " + maxCount);
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("memory budget must be >= 0, got " + maxBytes);
        }
    }

    public TimelineConfig withInterval(long events) {
        return new TimelineConfig(events, maxCount, maxBytes);
    }
}
