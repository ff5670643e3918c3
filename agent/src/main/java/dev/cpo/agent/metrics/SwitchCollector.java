package dev.cpo.agent.metrics;

import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.core.AgentSnapshot;
import dev.cpo.agent.core.AgentStats;
import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.forecast.LaserForecast;
import dev.cpo.agent.threshold.ThresholdService;
import dev.cpo.agent.threshold.ThresholdStore;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.OperState;
import dev.cpo.hal.Sensor;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds every metric from the agent's latest snapshot when Prometheus scrapes: readings and thresholds
 * ({@link SensorFamilies}), counters ({@link CounterFamilies}), port speed and states, loss of signal per lane,
 * active alarms, laser forecasts and the agent's own counters. It keeps no copy of the state; what it caches is
 * what only changes with the inventory (labels, names) or with a threshold change.
 */
public final class SwitchCollector implements MultiCollector {

  private static final MetricMetadata PORT_SPEED = new MetricMetadata("cpo_port_speed_bytes_per_second",
      "Current port speed: lanes up x lane rate (IF-MIB ifHighSpeed), in bytes per second",
      new Unit("bytes_per_second"));
  private static final MetricMetadata PORT_STATE = new MetricMetadata("cpo_port_oper_state",
      "Port operational state: up, degraded (some lanes dark), down, disabled (admin down)");
  private static final MetricMetadata PORT_ADMIN = new MetricMetadata("cpo_port_admin_up",
      "1 when the port is administratively up");
  private static final MetricMetadata LANE_LOS = new MetricMetadata("cpo_lane_rx_los",
      "1 when the lane has loss of signal (its receive power then reads the -40 dBm floor)");
  private static final MetricMetadata LASER_STATE = new MetricMetadata("cpo_laser_oper_state",
      "Laser operational state");
  private static final MetricMetadata MODULE_STATE = new MetricMetadata("cpo_laser_module_oper_state",
      "External laser source module state (absent when pulled)");
  private static final MetricMetadata ALARM = new MetricMetadata("cpo_alarm_active",
      "1 for each active alarm; root=\"true\" for a root cause, \"false\" for a symptom folded under one");
  private static final MetricMetadata FORECAST = new MetricMetadata("cpo_laser_end_of_life_forecast_seconds",
      "Projected time until the laser's bias reaches its end-of-life level; absent while the trend is flat",
      Unit.SECONDS);

  private final AgentView agent;
  private final Inventory inventory;
  private final EntityLabels labels;
  private final SensorFamilies sensors;
  private final CounterFamilies counters;
  private final InfoSnapshot switchInfo;
  private final StatePoints portStates;
  private final StatePoints laserStates;
  private final StatePoints moduleStates;
  private final StatePoints.Choice portSpeed;
  private final StatePoints.Choice portAdmin;
  private final StatePoints.Choice laneLos;
  private final List<String> names;
  private volatile CachedThresholds cachedThresholds;

  private record CachedThresholds(Object key, List<MetricSnapshot> snapshots) {}

  /**
   * @param switchId the switch's id ({@code switch.id}), published in {@code cpo_switch_info}
   */
  public SwitchCollector(AgentView agent, String switchId) {
    this.agent = agent;
    this.inventory = agent.inventory();
    this.labels = new EntityLabels(inventory);
    this.sensors = new SensorFamilies(inventory, labels);
    this.counters = new CounterFamilies(inventory, labels);
    this.switchInfo = new InfoSnapshot(new MetricMetadata("cpo_switch", "The switch this agent manages"),
        List.of(new InfoDataPointSnapshot(Labels.of("switch", switchId, "model", inventory.model(),
            "profile", inventory.profile()))));
    int[] ports = indexes(EntityClass.PORT);
    int[] lanes = indexes(EntityClass.LANE);
    this.portStates = new StatePoints(ports, labels);
    this.laserStates = new StatePoints(indexes(EntityClass.LASER), labels);
    this.moduleStates = new StatePoints(indexes(EntityClass.LASER_MODULE), labels);
    long laneRate = inventory.laneRateMbps();
    double[] speeds = new double[inventory.lanesPerPort() + 1];
    for (int up = 0; up < speeds.length; up++) {
      speeds[up] = up * laneRate * 1e6 / 8;
    }
    this.portSpeed = new StatePoints.Choice(ports, labels, speeds,
        s -> (int) Math.min(speeds.length - 1, Math.max(0, s.speedMbps() / laneRate)));
    this.portAdmin = new StatePoints.Choice(ports, labels, new double[] {0, 1}, s -> s.adminUp() ? 1 : 0);
    this.laneLos = new StatePoints.Choice(lanes, labels, new double[] {0, 1},
        s -> s.state() == OperState.UP ? 0 : 1);
    List<String> all = new ArrayList<>(List.of("cpo_switch"));
    all.addAll(sensors.names());
    all.addAll(counters.names());
    for (MetricMetadata m : List.of(PORT_SPEED, PORT_STATE, PORT_ADMIN, LANE_LOS, LASER_STATE, MODULE_STATE, ALARM,
        FORECAST)) {
      all.add(m.getPrometheusName());
    }
    all.addAll(List.of("cpo_agent_poll_cycles", "cpo_agent_hal_errors", "cpo_agent_events_dropped",
        "cpo_agent_interrupts", "cpo_agent_poll_duration_seconds", "cpo_agent_sensors_unavailable"));
    this.names = List.copyOf(all);
  }

  /**
   * Every family this collector can publish, also those with no sample at the moment (a laser forecast while the
   * trend is flat): the registry uses it to refuse a second collector of the same names. Counters and the info
   * family without their {@code _total} and {@code _info} suffixes, as the client names them.
   */
  @Override
  public List<String> getPrometheusNames() {
    return names;
  }

  @Override
  public MetricSnapshots collect() {
    AgentSnapshot latest = agent.latest();
    HalSnapshot snap = latest.hal();
    List<MetricSnapshot> out = new ArrayList<>(64);
    out.add(switchInfo);
    sensors.readings(snap, out);
    out.addAll(thresholds());
    counters.collect(snap, out);
    out.add(new GaugeSnapshot(PORT_SPEED, portSpeed.points(snap)));
    out.add(portStates.states(PORT_STATE, snap));
    out.add(new GaugeSnapshot(PORT_ADMIN, portAdmin.points(snap)));
    out.add(new GaugeSnapshot(LANE_LOS, laneLos.points(snap)));
    out.add(laserStates.states(LASER_STATE, snap));
    out.add(moduleStates.states(MODULE_STATE, snap));
    alarms(latest.activeAlarms(), out);
    forecasts(latest.forecasts(), out);
    agentStats(latest.stats(), snap, out);
    return new MetricSnapshots(out);
  }

  private void alarms(List<Alarm> active, List<MetricSnapshot> out) {
    List<GaugeDataPointSnapshot> points = new ArrayList<>(active.size());
    for (Alarm a : active) {
      points.add(new GaugeDataPointSnapshot(1, Labels.of("id", a.id(), "severity",
          a.severity().name().toLowerCase(Locale.ROOT), "entity", a.entity(), "root", a.isRootCause() ? "true" : "false"),
          null));
    }
    out.add(new GaugeSnapshot(ALARM, points));
  }

  private void forecasts(Map<String, LaserForecast> forecasts, List<MetricSnapshot> out) {
    List<GaugeDataPointSnapshot> points = new ArrayList<>(forecasts.size());
    for (LaserForecast f : forecasts.values()) {
      Entity laser = f.known() ? inventory.entity(f.laser()).orElse(null) : null;
      if (laser != null) {
        points.add(new GaugeDataPointSnapshot(f.secondsToEndOfLife(), labels.of(laser.index()), null));
      }
    }
    out.add(new GaugeSnapshot(FORECAST, points));
  }

  private static void agentStats(AgentStats stats, HalSnapshot snap, List<MetricSnapshot> out) {
    out.add(counter("cpo_agent_poll_cycles", "Poll cycles completed", stats.pollCycles()));
    out.add(counter("cpo_agent_hal_errors", "HAL reads that failed or timed out", stats.halErrors()));
    out.add(counter("cpo_agent_events_dropped", "Events lost by subscribers whose queues were full",
        stats.droppedEvents()));
    out.add(counter("cpo_agent_interrupts", "HAL interrupts handled", stats.interrupts()));
    out.add(new GaugeSnapshot(new MetricMetadata("cpo_agent_poll_duration_seconds",
        "Wall time of the last poll cycle (HAL read, thresholds, alarms)", Unit.SECONDS),
        List.of(new GaugeDataPointSnapshot(stats.lastPollDurationMicros() / 1e6, Labels.EMPTY, null))));
    out.add(new GaugeSnapshot(new MetricMetadata("cpo_agent_sensors_unavailable",
        "Readings the HAL could not take in the last cycle (left out of the sensor metrics)"),
        List.of(new GaugeDataPointSnapshot(SensorFamilies.unavailable(snap), Labels.EMPTY, null))));
  }

  private static CounterSnapshot counter(String name, String help, long value) {
    return new CounterSnapshot(new MetricMetadata(name, help),
        List.of(new CounterDataPointSnapshot(value, Labels.EMPTY, null, 0)));
  }

  /** Threshold gauges, rebuilt only when the thresholds in force change. */
  private List<MetricSnapshot> thresholds() {
    ThresholdService service = agent.thresholds();
    if (!(service instanceof ThresholdStore store)) {
      List<Sensor> all = inventory.sensors();
      return sensors.thresholds(i -> service.effective(all.get(i).id()));
    }
    ThresholdStore.Resolved resolved = store.resolved();
    CachedThresholds cached = cachedThresholds;
    if (cached == null || cached.key != resolved) {
      cached = new CachedThresholds(resolved, sensors.thresholds(i -> resolved.levels()[i]));
      cachedThresholds = cached;
    }
    return cached.snapshots;
  }

  private int[] indexes(EntityClass c) {
    return inventory.entitiesOf(c).stream().mapToInt(Entity::index).toArray();
  }

}
