package dev.cpo.agent.threshold;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.config.YamlDocument;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.Sensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thresholds in force: the file's rules plus run-time overrides (SNMP SET), which are persisted in
 * the state directory so they survive a restart. Readers on the poll path use {@link #resolved()}, an
 * array per sensor index rebuilt on every change, so evaluation does no map lookups.
 */
public final class ThresholdStore implements ThresholdService {

  private static final Logger LOG = LoggerFactory.getLogger(ThresholdStore.class);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Listener told of every run-time change, e.g. to publish a ThresholdChanged event. */
  public interface ChangeListener {
    void changed(String sensorId, ThresholdSet levels, String by);
  }

  /** Per-sensor thresholds, indexed by {@link Sensor#index()}. Immutable once built. */
  public record Resolved(ThresholdSet[] levels, double[] hysteresis, int[] debounceSamples) {}

  private final Inventory inventory;
  private final Path stateFile;
  private final ChangeListener listener;
  private final Map<String, ThresholdSet> runtime = new LinkedHashMap<>();
  private ThresholdRules rules;
  private volatile Resolved resolved;

  /**
   * @param stateFile where run-time overrides are kept, or {@code null} to keep them in memory only
   */
  public ThresholdStore(Inventory inventory, ThresholdRules rules, Path stateFile, ChangeListener listener) {
    this.inventory = inventory;
    this.rules = rules;
    this.stateFile = stateFile;
    this.listener = listener;
    loadRuntime();
    rebuild();
  }

  public Resolved resolved() {
    return resolved;
  }

  /**
   * Replaces the file's rules (config reload); run-time overrides stay on top.
   *
   * @throws ConfigException naming {@code overrides.<sensor id>} when an override names a sensor this
   *     switch does not have; nothing changes
   */
  public synchronized void replaceRules(ThresholdRules next) throws ConfigException {
    checkOverrides(inventory, next);
    rules = next;
    rebuild();
  }

  /** Every override must name a sensor of this switch. */
  public static void checkOverrides(Inventory inventory, ThresholdRules rules) throws ConfigException {
    for (String id : rules.overrides().keySet()) {
      int colon = id.lastIndexOf(':');
      String entity = id.substring(0, colon);
      String kind = id.substring(colon + 1);
      if (inventory.sensorsOf(entity).stream().noneMatch(s -> s.kind().key().equals(kind))) {
        throw new ConfigException("overrides." + id, "overrides." + id + ": this switch ("
            + inventory.profile() + ") has no sensor " + id);
      }
    }
  }

  /** Threshold rules as read from the file. */
  public synchronized ThresholdRules rules() {
    return rules;
  }

  @Override
  public ThresholdSet effective(String sensorId) {
    Sensor s = sensor(sensorId).orElseThrow(() -> new IllegalArgumentException("unknown sensor '" + sensorId + "'"));
    return resolved.levels()[s.index()];
  }

  @Override
  public synchronized Map<String, ThresholdSet> overrides() {
    Map<String, ThresholdSet> out = new HashMap<>(rules.overrides());
    out.putAll(runtime);
    return out;
  }

  /**
   * {@inheritDoc}
   *
   * @throws UncheckedIOException when the change cannot be saved to the state directory; nothing changes
   */
  @Override
  public ThresholdSet set(String sensorId, ThresholdLevel level, double value, String by) {
    ThresholdSet next;
    synchronized (this) {
      ThresholdSet current = effective(sensorId);
      try {
        next = current.with(level, value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(sensorId + " " + level.key() + ": " + e.getMessage(), e);
      }
      // Saved first: a change that cannot be kept across a restart is refused, and nothing changes.
      Map<String, ThresholdSet> changed = new LinkedHashMap<>(runtime);
      changed.put(sensorId, next);
      persist(changed);
      runtime.put(sensorId, next);
      rebuild();
    }
    LOG.info("threshold {} {} set to {} by {}", sensorId, level.key(), value, by);
    listener.changed(sensorId, next, by);
    return next;
  }

  private Optional<Sensor> sensor(String sensorId) {
    int colon = sensorId.lastIndexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String entity = sensorId.substring(0, colon);
    String kind = sensorId.substring(colon + 1);
    for (Sensor s : inventory.sensorsOf(entity)) {
      if (s.kind().key().equals(kind)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private void rebuild() {
    List<Sensor> sensors = inventory.sensors();
    ThresholdSet[] levels = new ThresholdSet[sensors.size()];
    double[] hysteresis = new double[sensors.size()];
    int[] debounce = new int[sensors.size()];
    for (Sensor s : sensors) {
      ClassThresholds c = rules.classOf(s);
      ThresholdSet r = runtime.get(s.id());
      levels[s.index()] = r != null ? r : rules.levelsOf(s);
      hysteresis[s.index()] = c.hysteresis();
      debounce[s.index()] = c.debounceSamples();
    }
    resolved = new Resolved(levels, hysteresis, debounce);
  }

  private void loadRuntime() {
    if (stateFile == null || !Files.isRegularFile(stateFile)) {
      return;
    }
    try {
      ThresholdRules saved = ThresholdFile.parse(YamlDocument.read(stateFile, "state.dir"));
      for (Map.Entry<String, ThresholdSet> e : saved.overrides().entrySet()) {
        if (sensor(e.getKey()).isPresent()) {
          runtime.put(e.getKey(), e.getValue());
        } else {
          LOG.warn("{}: ignoring saved threshold for unknown sensor {}", stateFile, e.getKey());
        }
      }
      LOG.info("loaded {} run-time threshold overrides from {}", runtime.size(), stateFile);
    } catch (ConfigException e) {
      // A damaged state file must not stop the agent; the file's own thresholds still apply.
      LOG.warn("ignoring saved thresholds: {}", e.getMessage());
    }
  }

  private void persist(Map<String, ThresholdSet> overridesToSave) {
    if (stateFile == null) {
      return;
    }
    ObjectNode root = YAML.createObjectNode();
    ObjectNode overrides = root.putObject("overrides");
    overridesToSave.forEach((id, set) -> {
      ObjectNode o = overrides.putObject(id);
      for (ThresholdLevel l : ThresholdLevel.values()) {
        if (!Double.isNaN(set.get(l))) {
          o.put(l.key(), set.get(l));
        }
      }
    });
    try {
      Files.createDirectories(stateFile.toAbsolutePath().getParent());
      Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
      YAML.writeValue(tmp.toFile(), root);
      Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save thresholds to " + stateFile, e);
    }
  }
}
