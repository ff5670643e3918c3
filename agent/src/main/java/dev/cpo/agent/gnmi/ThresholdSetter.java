package dev.cpo.agent.gnmi;

import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.agent.gnmi.proto.Path;
import dev.cpo.agent.gnmi.proto.SetRequest;
import dev.cpo.agent.gnmi.proto.SetResponse;
import dev.cpo.agent.gnmi.proto.Update;
import dev.cpo.agent.gnmi.proto.UpdateResult;
import dev.cpo.agent.threshold.ThresholdNotStoredException;
import dev.cpo.agent.threshold.ThresholdService;
import dev.cpo.agent.threshold.ThresholdSet;
import dev.cpo.hal.Sensor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Set (gNMI 3.4) for the one writable thing: threshold levels, at
 * {@code cpo:/thresholds/threshold[sensor=<sensor id>]/config/<low-alarm|low-warning|high-warning|high-alarm>}.
 * The request is one transaction: every update is checked first (the same checks an SNMP SET meets:
 * known sensor, finite number, levels in order), and only if all pass are they applied together, in one
 * saved change of the agent's {@link ThresholdService}, as SNMP SETs are. A change that cannot be saved
 * is ABORTED (gNMI 3.4.7) with a message naming the paths, and nothing changes.
 */
final class ThresholdSetter {

  private final OcTree tree;
  private final ThresholdService thresholds;
  private final Clock clock;

  ThresholdSetter(OcTree tree, ThresholdService thresholds, Clock clock) {
    this.tree = tree;
    this.thresholds = thresholds;
    this.clock = clock;
  }

  private record Change(Path path, UpdateResult.Operation op, String sensorId, ThresholdLevel level, double value) {}

  SetResponse apply(SetRequest req, String by) {
    Path prefix = req.getPrefix();
    if (req.getDeleteCount() > 0) {
      throw unimplemented("delete of " + PathPattern.text(prefix, req.getDelete(0))
          + ": this target's Set only updates or replaces threshold levels");
    }
    if (req.getUnionReplaceCount() > 0) {
      throw unimplemented("union_replace of " + PathPattern.text(prefix, req.getUnionReplace(0).getPath())
          + ": this target's Set only updates or replaces threshold levels");
    }
    if (req.getReplaceCount() + req.getUpdateCount() == 0) {
      throw invalid("the SetRequest changes nothing");
    }
    List<Change> changes = new ArrayList<>();
    for (Update u : req.getReplaceList()) {
      changes.add(change(prefix, u, UpdateResult.Operation.REPLACE));
    }
    for (Update u : req.getUpdateList()) {
      changes.add(change(prefix, u, UpdateResult.Operation.UPDATE));
    }
    // Check the whole transaction before touching anything.
    Map<String, ThresholdSet> proposed = new LinkedHashMap<>();
    for (Change c : changes) {
      ThresholdSet before = proposed.computeIfAbsent(c.sensorId(), thresholds::effective);
      try {
        proposed.put(c.sensorId(), before.with(c.level(), c.value()));
      } catch (IllegalArgumentException e) {
        throw invalid(PathPattern.text(prefix, c.path()) + ": " + e.getMessage());
      }
    }
    try {
      thresholds.setAll(proposed, by);
    } catch (IllegalArgumentException e) {
      throw invalid(paths(prefix, changes) + ": " + e.getMessage());
    } catch (ThresholdNotStoredException e) {
      // gNMI 3.4.7: a failed transaction SHOULD be Aborted, with a message; nothing was applied. The file
      // and the OS's reason are in the agent's log, not in a reply.
      throw Status.ABORTED.withDescription(paths(prefix, changes) + ": could not be stored in the agent's state"
          + " directory, so nothing changed (the agent's log says why)").asRuntimeException();
    }
    long now = clock.millis() * 1_000_000L;
    SetResponse.Builder resp = SetResponse.newBuilder().setPrefix(prefix).setTimestamp(now);
    for (Change c : changes) {
      resp.addResponse(UpdateResult.newBuilder().setPath(c.path()).setOp(c.op()));
    }
    return resp.build();
  }

  private Change change(Path prefix, Update u, UpdateResult.Operation op) {
    String text = PathPattern.text(prefix, u.getPath());
    PathPattern p;
    try {
      p = PathPattern.of(prefix, u.getPath());
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    List<String> names = new ArrayList<>();
    for (Path part : new Path[] {prefix, u.getPath()}) {
      part.getElemList().forEach(e -> names.add(e.getName()));
    }
    boolean shape = p.origin().equals(PathPattern.CPO) && p.exact() && names.size() == 4
        && names.get(0).equals("thresholds") && names.get(1).equals("threshold") && names.get(2).equals("config");
    if (!shape) {
      if (!tree.match(p).isEmpty() || !tree.dynamic(p).isEmpty()) {
        throw invalid(text + " is read-only state; Set changes only threshold levels, at "
            + "cpo:/thresholds/threshold[sensor=<sensor id>]/config/<low-alarm|low-warning|high-warning|high-alarm>");
      }
      throw invalid(text + " is not a threshold level; Set changes only "
          + "cpo:/thresholds/threshold[sensor=<sensor id>]/config/<low-alarm|low-warning|high-warning|high-alarm>");
    }
    Map<String, String> keys = keysOf(prefix, u.getPath(), 1);
    String sensorId = keys.get("sensor");
    if (sensorId == null || keys.size() != 1) {
      throw invalid(text + ": the threshold list is keyed by 'sensor' alone, e.g. threshold[sensor=els3/laser5:bias]");
    }
    Sensor sensor = tree.thresholds().sensor(sensorId)
        .orElseThrow(() -> invalid(text + ": unknown sensor '" + sensorId + "'"));
    ThresholdLevel level = ThresholdTree.level(names.get(3))
        .orElseThrow(() -> invalid(text + ": '" + names.get(3)
            + "' is not a threshold level (low-alarm, low-warning, high-warning, high-alarm)"));
    double value;
    try {
      value = Values.number(u.getVal());
    } catch (IllegalArgumentException e) {
      throw invalid(text + ": " + e.getMessage());
    }
    return new Change(u.getPath(), op, sensor.id(), level, value);
  }

  private static String paths(Path prefix, List<Change> changes) {
    return String.join(", ", changes.stream().map(c -> PathPattern.text(prefix, c.path())).toList());
  }

  private static Map<String, String> keysOf(Path prefix, Path path, int index) {
    int i = 0;
    for (Path part : new Path[] {prefix, path}) {
      for (var e : part.getElemList()) {
        if (i++ == index) {
          return e.getKeyMap();
        }
      }
    }
    return Map.of();
  }

  private static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }

  private static StatusRuntimeException unimplemented(String message) {
    return Status.UNIMPLEMENTED.withDescription(message).asRuntimeException();
  }
}
