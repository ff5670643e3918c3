package dev.cpo.agent.threshold;

import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.state.StateFiles;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.Sensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thresholds in force: the file's rules plus run-time overrides (SNMP SET, gNMI Set), which are
 * persisted in the state directory so they survive a restart. Readers on the poll path use
 * {@link #resolved()}, an array per sensor index rebuilt on every change, so evaluation does no map
 * lookups.
 *
 * <p>At start the saved file is read entry by entry ({@link SavedThresholds}): the valid entries apply,
 * each invalid one is logged by name with its reason, and a file with any invalid entry (or none
 * readable) is first copied aside unchanged ({@link StateFiles#keepAside}), then rewritten with the
 * valid entries, so no later change loses them. When the file cannot be read or kept aside, it is
 * left as it is and every change is refused until the operator sees to it: nothing is lost.
 *
 * <p>A change is saved (atomically) before it applies; when it cannot be saved it is refused with
 * {@link ThresholdNotStoredException}, logged with the file and the OS's reason, and nothing changes.
 */
public final class ThresholdStore implements ThresholdService {

  private static final Logger LOG = LoggerFactory.getLogger(ThresholdStore.class);

  /** Listener told of every run-time change, e.g. to publish a ThresholdChanged event. */
  public interface ChangeListener {
    void changed(String sensorId, ThresholdSet levels, String by);
  }

  /** Per-sensor thresholds, indexed by {@link Sensor#index()}. Immutable once built. */
  public record Resolved(ThresholdSet[] levels, double[] hysteresis, int[] debounceSamples) {}

  private final Inventory inventory;
  private final Path stateFile;
  private final ChangeListener listener;
  private final Clock wallClock;
  private final Map<String, ThresholdSet> runtime = new LinkedHashMap<>();
  private ThresholdRules rules;
  // Why the saved file must not be overwritten (it could not be read or kept aside), or null.
  private String mustNotOverwrite;
  private volatile Resolved resolved;

  /**
   * @param stateFile where run-time overrides are kept, or {@code null} to keep them in memory only
   */
  public ThresholdStore(Inventory inventory, ThresholdRules rules, Path stateFile, ChangeListener listener) {
    this(inventory, rules, stateFile, listener, Clock.systemUTC());
  }

  /** @param wallClock names the copy of a rejected saved file ({@code thresholds.yaml.rejected-<UTC time>}) */
  public ThresholdStore(Inventory inventory, ThresholdRules rules, Path stateFile, ChangeListener listener,
      Clock wallClock) {
    this.inventory = inventory;
    this.rules = rules;
    this.stateFile = stateFile;
    this.listener = listener;
    this.wallClock = wallClock;
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

  @Override
  public ThresholdSet set(String sensorId, ThresholdLevel level, double value, String by) {
    ThresholdSet next;
    Map<String, ThresholdSet> before;
    synchronized (this) {
      try {
        next = effective(sensorId).with(level, value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(sensorId + " " + level.key() + ": " + e.getMessage(), e);
      }
      before = apply(Map.of(sensorId, next), by);
    }
    announce(before, Map.of(sensorId, next), by);
    return next;
  }

  @Override
  public void setAll(Map<String, ThresholdSet> levels, String by) {
    Map<String, ThresholdSet> next = new LinkedHashMap<>(levels);
    Map<String, ThresholdSet> before;
    synchronized (this) {
      before = apply(next, by);
    }
    announce(before, next, by);
  }

  /** Saves and applies {@code next}; returns the previous levels of the sensors that changed. */
  private Map<String, ThresholdSet> apply(Map<String, ThresholdSet> next, String by) {
    Map<String, ThresholdSet> before = new LinkedHashMap<>();
    for (Map.Entry<String, ThresholdSet> e : next.entrySet()) {
      ThresholdSet current = effective(e.getKey());
      if (!current.equals(e.getValue())) {
        before.put(e.getKey(), current);
      }
    }
    if (before.isEmpty()) {
      return before;
    }
    // Saved first: a change that cannot be kept across a restart is refused, and nothing changes.
    Map<String, ThresholdSet> saved = new LinkedHashMap<>(runtime);
    before.keySet().forEach(id -> saved.put(id, next.get(id)));
    try {
      persist(saved);
    } catch (ThresholdNotStoredException e) {
      LOG.warn("threshold change of {} by {} refused, nothing changed: {}", String.join(", ", before.keySet()), by,
          e.getMessage());
      throw e;
    }
    before.keySet().forEach(id -> runtime.put(id, next.get(id)));
    rebuild();
    return before;
  }

  /** Logs each changed level and tells the listener, outside the lock. */
  private void announce(Map<String, ThresholdSet> before, Map<String, ThresholdSet> next, String by) {
    before.forEach((id, was) -> {
      ThresholdSet now = next.get(id);
      for (ThresholdLevel l : ThresholdLevel.values()) {
        if (Double.compare(was.get(l), now.get(l)) != 0) {
          LOG.info("threshold {} {} set to {} by {}", id, l.key(), now.get(l), by);
        }
      }
      listener.changed(id, now, by);
    });
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

  /** Why {@code sensorId} names no sensor of this switch, or null when it does. */
  private String unknownSensor(String sensorId) {
    return sensor(sensorId).isPresent() ? null : "this switch (" + inventory.profile() + ") has no sensor " + sensorId;
  }

  private void loadRuntime() {
    if (stateFile == null || Files.notExists(stateFile)) {
      return;
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(stateFile);
    } catch (IOException e) {
      mustNotOverwrite = "the saved thresholds " + stateFile + " could not be read at start ("
          + StateFiles.reason(e) + ") and are not overwritten; move the file aside or fix it, then restart";
      LOG.error("saved thresholds not applied, and threshold changes refused until restart: {}", mustNotOverwrite);
      return;
    }
    SavedThresholds.Loaded loaded = SavedThresholds.parse(stateFile.toString(), bytes, this::unknownSensor);
    runtime.putAll(loaded.accepted());
    if (loaded.clean()) {
      LOG.info("loaded {} run-time threshold overrides from {}", runtime.size(), stateFile);
      return;
    }
    Path aside;
    try {
      aside = StateFiles.keepAside(stateFile, wallClock.instant());
    } catch (IOException e) {
      mustNotOverwrite = "the saved thresholds " + stateFile + " hold entries that were dropped, and could not be"
          + " kept aside (" + StateFiles.reason(e) + "), so they are not overwritten; move the file aside or fix it,"
          + " then restart";
      LOG.error("threshold changes refused until restart: {}", mustNotOverwrite);
      aside = null;
    }
    if (loaded.unreadable() != null) {
      LOG.warn("saved thresholds {} not used: {}; {}; the rule file's thresholds apply", stateFile,
          loaded.unreadable(), aside == null ? "the file is left as it is" : "the file is kept as " + aside);
    }
    loaded.rejected().values().forEach(why -> LOG.warn("saved threshold dropped: {}", why));
    if (!loaded.rejected().isEmpty()) {
      LOG.warn("loaded {} run-time threshold overrides from {}, dropped {} ({}); {}", runtime.size(), stateFile,
          loaded.rejected().size(), String.join(", ", loaded.rejected().keySet()),
          aside == null ? "the file is left as it is" : "the file as it was is kept as " + aside);
    }
    if (aside == null) {
      return;
    }
    try {
      persist(runtime);
    } catch (ThresholdNotStoredException e) {
      LOG.warn("{} still holds the dropped entries (the next threshold change rewrites it): {}", stateFile,
          e.getMessage());
    }
  }

  private void persist(Map<String, ThresholdSet> overridesToSave) {
    if (stateFile == null) {
      return;
    }
    if (mustNotOverwrite != null) {
      throw new ThresholdNotStoredException("cannot store thresholds: " + mustNotOverwrite, null);
    }
    try {
      Files.createDirectories(stateFile.toAbsolutePath().getParent());
      StateFiles.replace(stateFile, SavedThresholds.render(overridesToSave));
    } catch (IOException e) {
      throw new ThresholdNotStoredException("cannot store thresholds in " + stateFile + ": " + StateFiles.reason(e), e);
    }
  }
}
