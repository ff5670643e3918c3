package dev.cpo.hal;

import java.util.Objects;

/**
 * One bulk read of the whole switch: every sensor, every entity's status, every counter. Immutable
 * once built; the arrays are owned by the snapshot (a HAL builds fresh arrays for each snapshot and
 * never touches them again), so readers index them without copying.
 */
public final class HalSnapshot {

  private static final ReadingStatus[] STATUSES = ReadingStatus.values();

  private final long sequence;
  private final long timeMillis;
  private final Inventory inventory;
  private final double[] values;
  private final byte[] statuses;
  private final long[] timestamps;
  private final EntityStatus[] entityStatuses;
  private final long[][] portCounters;
  private final long[][] laneCounters;
  private final PortLinks portLinks;
  private final FruIdentities identities;
  private final LaserFlags laserFlags;

  /**
   * @param sequence increases by one per snapshot of this HAL
   * @param timeMillis HAL clock time of the read
   * @param inventory the inventory the indexes refer to
   * @param values sensor values, indexed by {@link Sensor#index()}
   * @param statuses {@link ReadingStatus#ordinal()} per sensor
   * @param timestamps per-sensor update time, HAL clock
   * @param entityStatuses status per entity, indexed by {@link Entity#index()}
   * @param portCounters per {@link CounterKind} of class PORT (indexed by ordinal, others null), then by port - 1
   * @param laneCounters per {@link CounterKind} of class LANE (indexed by ordinal, others null), then by
   *     {@link Inventory#laneIndex(int, int)}
   */
  public HalSnapshot(
      long sequence,
      long timeMillis,
      Inventory inventory,
      double[] values,
      byte[] statuses,
      long[] timestamps,
      EntityStatus[] entityStatuses,
      long[][] portCounters,
      long[][] laneCounters) {
    this(sequence, timeMillis, inventory, values, statuses, timestamps, entityStatuses, portCounters, laneCounters,
        PortLinks.none(inventory.portCount()), FruIdentities.of(inventory));
  }

  /**
   * A snapshot with the ports' link history, FEC histogram and post-FEC BER, and the serial numbers and
   * firmware revisions of the hardware in place at the time.
   */
  public HalSnapshot(
      long sequence,
      long timeMillis,
      Inventory inventory,
      double[] values,
      byte[] statuses,
      long[] timestamps,
      EntityStatus[] entityStatuses,
      long[][] portCounters,
      long[][] laneCounters,
      PortLinks portLinks,
      FruIdentities identities) {
    this(sequence, timeMillis, inventory, values, statuses, timestamps, entityStatuses, portCounters, laneCounters,
        portLinks, identities, LaserFlags.NONE);
  }

  /** A snapshot that also carries each laser's ELS flags with their change counts and times. */
  public HalSnapshot(
      long sequence,
      long timeMillis,
      Inventory inventory,
      double[] values,
      byte[] statuses,
      long[] timestamps,
      EntityStatus[] entityStatuses,
      long[][] portCounters,
      long[][] laneCounters,
      PortLinks portLinks,
      FruIdentities identities,
      LaserFlags laserFlags) {
    this.sequence = sequence;
    this.timeMillis = timeMillis;
    this.inventory = Objects.requireNonNull(inventory, "inventory");
    int n = inventory.sensors().size();
    if (values.length != n || statuses.length != n || timestamps.length != n) {
      throw new IllegalArgumentException("sensor arrays must have " + n + " entries");
    }
    if (entityStatuses.length != inventory.entities().size()) {
      throw new IllegalArgumentException("entityStatuses must have " + inventory.entities().size() + " entries");
    }
    if (portCounters.length != CounterKind.values().length || laneCounters.length != CounterKind.values().length) {
      throw new IllegalArgumentException("counter arrays must be indexed by CounterKind ordinal");
    }
    this.values = values;
    this.statuses = statuses;
    this.timestamps = timestamps;
    this.entityStatuses = entityStatuses;
    this.portCounters = portCounters;
    this.laneCounters = laneCounters;
    if (portLinks.ports() != inventory.portCount()) {
      throw new IllegalArgumentException("portLinks must cover " + inventory.portCount() + " ports");
    }
    this.portLinks = portLinks;
    if (identities.size() != inventory.entities().size()) {
      throw new IllegalArgumentException("identities must cover " + inventory.entities().size() + " entities");
    }
    this.identities = identities;
    this.laserFlags = Objects.requireNonNull(laserFlags, "laserFlags");
  }

  /**
   * Per laser (0-based, inventory order) and ELS flag: set now, change count, last set and clear time;
   * {@link LaserFlags#NONE} when the HAL does not track them.
   */
  public LaserFlags laserFlags() {
    return laserFlags;
  }

  /** The entity's serial number now (a swapped module has a new one); "" where it has none. */
  public String serialNumber(int entity) {
    return identities.serialNumber(entity);
  }

  /** The entity's firmware revision now; "" where unknown or none. */
  public String firmwareRevision(int entity) {
    return identities.firmwareRevision(entity);
  }

  /** HAL clock time the port's link last went up or down (0: not since the HAL started); port is 1-based. */
  public long portLastChangeMillis(int port) {
    return portLinks.lastChangeMillis(port - 1);
  }

  /** The bit error ratio left after FEC on the port (NaN when unknown); port is 1-based. */
  public double postFecBer(int port) {
    return portLinks.postFecBer(port - 1);
  }

  /** Bins of the FEC symbol-error histogram (0 when the HAL does not count them). */
  public int fecHistogramBins() {
    return portLinks.bins();
  }

  /** Codewords the port received with exactly {@code symbolErrors} symbol errors; port is 1-based. */
  public long fecHistogram(int port, int symbolErrors) {
    return portLinks.histogram(symbolErrors, port - 1);
  }

  public long sequence() {
    return sequence;
  }

  public long timeMillis() {
    return timeMillis;
  }

  public Inventory inventory() {
    return inventory;
  }

  public int sensorCount() {
    return values.length;
  }

  public double value(int sensor) {
    return values[sensor];
  }

  public ReadingStatus status(int sensor) {
    return STATUSES[statuses[sensor]];
  }

  public boolean available(int sensor) {
    return statuses[sensor] == 0;
  }

  public long timestampMillis(int sensor) {
    return timestamps[sensor];
  }

  public Reading reading(int sensor) {
    return new Reading(inventory.sensors().get(sensor), values[sensor], status(sensor), timestamps[sensor]);
  }

  public EntityStatus entityStatus(int entity) {
    return entityStatuses[entity];
  }

  public EntityStatus entityStatus(String name) {
    return entityStatuses[inventory.require(name).index()];
  }

  public EntityStatus entityStatus(Entity entity) {
    return entityStatuses[entity.index()];
  }

  /** A counter of a port entity. */
  public long portCounter(CounterKind kind, Entity port) {
    if (port.entityClass() != EntityClass.PORT) {
      throw new IllegalArgumentException(port.name() + " is not a port");
    }
    return portCounter(kind, port.port());
  }

  /** A counter of a lane entity. */
  public long laneCounter(CounterKind kind, Entity lane) {
    if (lane.entityClass() != EntityClass.LANE) {
      throw new IllegalArgumentException(lane.name() + " is not a lane");
    }
    return laneCounter(kind, lane.port(), lane.lane());
  }

  /** Every counter of a port or lane entity, in {@link CounterKind} order; empty for other entities. */
  public java.util.Map<CounterKind, Long> counters(Entity entity) {
    java.util.Map<CounterKind, Long> out = new java.util.EnumMap<>(CounterKind.class);
    for (CounterKind k : CounterKind.values()) {
      if (k.entityClass() != entity.entityClass()) {
        continue;
      }
      out.put(k, entity.entityClass() == EntityClass.PORT ? portCounter(k, entity) : laneCounter(k, entity));
    }
    return out;
  }

  /** A per-port counter; {@code port} is 1-based. */
  public long portCounter(CounterKind kind, int port) {
    if (kind.entityClass() != EntityClass.PORT) {
      throw new IllegalArgumentException(kind + " is not a port counter");
    }
    return portCounters[kind.ordinal()][port - 1];
  }

  /**
   * A lane counter summed over the port's lanes (e.g. the port's FEC corrected codewords, as SONiC's
   * fec-stats FEC_CORR shows per port); {@code port} is 1-based.
   */
  public long laneCounterSum(CounterKind kind, int port) {
    if (kind.entityClass() != EntityClass.LANE) {
      throw new IllegalArgumentException(kind + " is not a lane counter");
    }
    long[] counts = laneCounters[kind.ordinal()];
    long sum = 0;
    for (int lane = 1; lane <= inventory.lanesPerPort(); lane++) {
      sum += counts[inventory.laneIndex(port, lane)];
    }
    return sum;
  }

  /** A per-lane counter; {@code port} and {@code lane} are 1-based. */
  public long laneCounter(CounterKind kind, int port, int lane) {
    if (kind.entityClass() != EntityClass.LANE) {
      throw new IllegalArgumentException(kind + " is not a lane counter");
    }
    return laneCounters[kind.ordinal()][inventory.laneIndex(port, lane)];
  }
}
