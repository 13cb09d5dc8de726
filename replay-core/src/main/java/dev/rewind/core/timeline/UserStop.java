/*
 * UserStop: where the user is (the last stop reported to them), kept so that the Timeline can
 * bring a new agent back there when the old one dies (Timeline.recover). Holds the stop itself and
 * what finds it again without the dead agent: its Position when the Timeline knew it or the stop
 * is one by itself, else the Fingerprint of the registers and stack taken at the stop (exactly one
 * of the two is present).
 */
package dev.rewind.core.timeline;

import dev.rewind.core.session.Stop;
import java.util.Objects;
import java.util.Optional;

record UserStop(Stop stop, Optional<Position> position, Optional<Fingerprint> fingerprint) {
    UserStop {
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (position.isPresent() == fingerprint.isPresent()) {
            throw new IllegalArgumentException("a user stop is found again by its position or by its fingerprint");
        }
    }

    static UserStop at(Stop stop, Position position) {
        return new UserStop(stop, Optional.of(position), Optional.empty());
    }

    static UserStop unlocated(Stop stop, Fingerprint fingerprint) {
        return new UserStop(stop, Optional.empty(), Optional.of(fingerprint));
    }
}
