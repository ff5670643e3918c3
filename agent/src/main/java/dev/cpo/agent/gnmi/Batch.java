package dev.cpo.agent.gnmi;

import dev.cpo.agent.gnmi.proto.Encoding;
import dev.cpo.agent.gnmi.proto.Notification;
import dev.cpo.agent.gnmi.proto.Path;
import dev.cpo.agent.gnmi.proto.Update;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects updates and deletes into Notifications, one per list entry container (its path is the
 * Notification prefix, the leaves' relative paths are the updates: gNMI 2.4.1), in the order added.
 */
final class Batch {

  private final Encoding encoding;
  private final long timestampNanos;
  private final String target;
  private final Map<Elems, Notification.Builder> byPrefix = new LinkedHashMap<>();
  private final List<Path> deletes = new ArrayList<>();

  /**
   * @param target the request prefix's target, reflected in every prefix (gNMI 2.2.2.1); empty for none
   */
  Batch(Encoding encoding, long timestampNanos, String target) {
    this.encoding = encoding;
    this.timestampNanos = timestampNanos;
    this.target = target;
  }

  void update(Elems prefix, Elems rel, Object value, String origin) {
    byPrefix.computeIfAbsent(prefix, p -> Notification.newBuilder().setTimestamp(timestampNanos)
            .setPrefix(prefixProto(p, origin)))
        .addUpdate(Update.newBuilder().setPath(rel.proto()).setVal(Values.typed(value, encoding)));
  }

  /** A deleted list entry, e.g. a cleared alarm's {@code /system/alarms/alarm[id=...]}. */
  void delete(Elems entry) {
    deletes.add(entry.proto());
  }

  boolean isEmpty() {
    return byPrefix.isEmpty() && deletes.isEmpty();
  }

  List<Notification> build() {
    List<Notification> out = new ArrayList<>(byPrefix.size() + 1);
    for (Notification.Builder b : byPrefix.values()) {
      out.add(b.build());
    }
    if (!deletes.isEmpty()) {
      Notification.Builder b = Notification.newBuilder().setTimestamp(timestampNanos).addAllDelete(deletes);
      if (!target.isEmpty()) {
        b.setPrefix(Path.newBuilder().setTarget(target));
      }
      out.add(b.build());
    }
    return out;
  }

  private Path prefixProto(Elems p, String origin) {
    if (target.isEmpty() && (origin.isEmpty() || origin.equals(PathPattern.OPENCONFIG))) {
      return p.proto();
    }
    Path.Builder b = p.proto().toBuilder().setTarget(target);
    if (!origin.equals(PathPattern.OPENCONFIG)) {
      b.setOrigin(origin);
    }
    return b.build();
  }
}
