package dev.cpo.hal.sim;

import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.HalException;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.InterruptListener;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.LatchedFlag;
import dev.cpo.hal.SwitchHal;
import dev.cpo.hal.fault.FaultInjector;
import dev.cpo.hal.sim.profile.Profile;
import dev.cpo.hal.sim.profile.ProfileLoader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated CPO switch: a {@link SwitchHal} for the agent and a {@link SimulatorControl} for lab
 * testers.
 *
 * <p>By default it has no threads of its own: every read, control or injection first advances the
 * physics to the clock's current time. The same profile, seed and calls at the same clock times
 * therefore give the same trace, whatever the wall clock does. Interrupt callbacks run on the calling
 * thread after the simulator's lock is released. {@link Builder#autoAdvance(Duration)} adds a
 * background tick for a running product, so interrupts also fire between reads.
 *
 * <pre>{@code
 * SimulatedSwitch sim = SimulatedSwitch.builder().profile("quantum-x-photonics-115t").seed(1)
 *     .timeScale(1).load(0.6).clock(clockOrNull).build();
 * }</pre>
 */
public final class SimulatedSwitch implements SwitchHal, SimulatorControl {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedSwitch.class);

  private final ReentrantLock lock = new ReentrantLock();
  private final Topology topology;
  private final Layout layout;
  private final Inventory inventory;
  private final Clock clock;
  private final ScaledClock scaledClock;
  final SimState state;
  final FaultEffects effects;
  final Physics physics;
  final SensorBank sensors;
  final FlagLatch flags;
  final FlagMonitor monitor;
  final ElsFlagTracker elsFlags;
  /** Latches the flags of each step (one object, not one per advance). */
  private final Physics.StepListener afterStep;
  /** Serials and firmware of the hardware in place; replaced (never written) when a module is swapped. */
  volatile dev.cpo.hal.FruIdentities identities;
  private final SnapshotAssembler assembler;
  private final SimFaultInjector faultInjector;
  private volatile InterruptListener listener;
  private volatile SimSettings settings;
  private long sequence;
  private volatile boolean closed;
  /**
   * How long the ticker waits at rest between advances: longer than the agent's 1 s poll, whose reads
   * advance the physics themselves, so at rest the ticker seldom has to.
   */
  static final Duration REST_TICK = Duration.ofSeconds(2);
  static final double REST_KELVIN = 1e-3;
  static final double REST_FAN_FRACTION = 1e-5;
  private final Thread ticker;
  /** System.nanoTime() of the last advance of the physics to the clock's time, by anyone. */
  private volatile long lastAdvanceNanos;
  /** Whether the switch was at rest after the last advance (the ticker then waits {@link #REST_TICK}). */
  private volatile boolean resting;

  private SimulatedSwitch(Profile profile, SimSettings settings, Clock clock, Duration autoAdvance) {
    this.settings = settings;
    if (clock == null) {
      this.scaledClock = new ScaledClock(settings.timeScale());
      this.clock = scaledClock;
    } else {
      this.scaledClock = null;
      this.clock = clock;
    }
    topology = new Topology(profile);
    layout = new Layout(topology);
    inventory = InventoryFactory.build(topology, layout, settings.seed());
    identities = InventoryFactory.identities(inventory, topology, layout);
    state = new SimState(topology, settings.seed(), settings.load());
    effects = new FaultEffects(topology, layout, inventory);
    physics = new Physics(topology, state, effects);
    flags = new FlagLatch(topology);
    elsFlags = new ElsFlagTracker(topology.lasers);
    monitor = new FlagMonitor(topology, state, effects, flags, physics, elsFlags);
    afterStep = monitor::check;
    sensors = new SensorBank(inventory, layout, topology, settings.seed());
    assembler = new SnapshotAssembler(topology, layout, inventory);
    faultInjector = new SimFaultInjector(this);
    state.timeMillis = this.clock.millis();
    physics.settle();
    monitor.prime();
    sensors.sample(state, physics.laserModel(), effects, state.timeMillis, settings.seed());
    lastAdvanceNanos = System.nanoTime();
    resting = atRest();
    ticker = autoAdvance == null ? null : startTicker(autoAdvance);
    LOG.info("simulated switch {} ready: {} ports, {} ASICs, {} engines, {} laser modules, {} sensors",
        profile.name(), topology.ports, topology.asics, topology.engines, topology.modules, layout.sensorCount);
  }

  /**
   * The background tick: advances the physics {@code period} of wall time after the last advance (a
   * tick's, a read's or a change's), so module flags latch and interrupts fire when the physics crosses
   * a threshold, not only when someone reads. While the switch is at rest ({@link #atRest()}) nothing
   * can cross one, and it steps only when nothing else advanced it for {@link #REST_TICK}; a change
   * (a control, a fault, the time scale) wakes it at once.
   */
  private Thread startTicker(Duration period) {
    long periodNanos = period.toNanos();
    long restNanos = Math.max(periodNanos, REST_TICK.toNanos());
    Thread t = new Thread(() -> {
      long ticked = System.nanoTime();
      while (!closed) {
        // From the last advance, or from the last tick if it failed to advance (it retries a period later).
        long due = Math.max(lastAdvanceNanos, ticked) + (resting ? restNanos : periodNanos);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(this, wait);
        } else {
          tick();
          ticked = System.nanoTime();
        }
      }
    }, "sim-ticker");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private void tick() {
    try {
      List<String> interrupts;
      lock.lock();
      try {
        advance();
        interrupts = flags.drainInterrupts();
      } finally {
        lock.unlock();
      }
      fire(interrupts);
    } catch (RuntimeException e) {
      // A failing tick must not end the ticker: the next one tries again.
      LOG.warn("simulator tick failed", e);
    }
  }

  /**
   * At rest: no fault active, no laser initialising, ramping or training its lanes, the clock at 1x or
   * slower, and the last step left every temperature within {@link #REST_KELVIN} of its steady state and
   * every fan at its target. What still changes then (aging over years, the received power's +-0.1 dB
   * wander) crosses no flag's level between two reads, and no temperature moves by more than a tenth of
   * its sensors' resolution (1/256 C). Called under the lock, after a step.
   */
  private boolean atRest() {
    return effects.activeFaults == 0 && state.readyAtMillis <= state.timeMillis && settings.timeScale() <= 1
        && physics.settled(REST_KELVIN, REST_FAN_FRACTION);
  }

  /** Whether the physics was at rest after its last advance or change (see {@link #atRest()}). */
  boolean resting() {
    return resting;
  }

  /**
   * Under the lock, after the physics stepped or changed: whether it is at rest now. When it no longer is,
   * the ticker (waiting {@link #REST_TICK}) is woken to go back to its period.
   */
  private void updateRest() {
    boolean rest = atRest();
    boolean woke = resting && !rest;
    resting = rest;
    if (woke && ticker != null) {
      LockSupport.unpark(ticker);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a simulated switch; every setting has a default (the default profile, seed 1, 1x, load 0.6). */
  public static final class Builder {
    private String profileName = ProfileLoader.DEFAULT_PROFILE;
    private Profile profile;
    private long seed = 1;
    private double timeScale = 1;
    private double load = 0.6;
    private Clock clock;
    private Duration autoAdvance;

    private Builder() {}

    /** A bundled profile name or a path to a profile file. */
    public Builder profile(String nameOrPath) {
      this.profileName = Objects.requireNonNull(nameOrPath, "profile");
      this.profile = null;
      return this;
    }

    public Builder profile(Profile profile) {
      this.profile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Simulated seconds per wall-clock second; used only when no clock is given. */
    public Builder timeScale(double timeScale) {
      this.timeScale = timeScale;
      return this;
    }

    public Builder load(double load) {
      this.load = load;
      return this;
    }

    /** The clock to follow, e.g. a {@link ManualClock}; {@code null} runs a scaled wall clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Also advance on a background thread every {@code wallPeriod}, so threshold crossings latch flags
     * and fire interrupts between reads (for a running product; tests leave it off and drive the
     * clock). {@code null} (the default) turns it off. {@link #close()} stops it.
     */
    public Builder autoAdvance(Duration wallPeriod) {
      if (wallPeriod != null && (wallPeriod.isNegative() || wallPeriod.toMillis() < 1)) {
        throw new IllegalArgumentException("autoAdvance must be at least 1 ms, was " + wallPeriod);
      }
      this.autoAdvance = wallPeriod;
      return this;
    }

    /** @throws IllegalArgumentException naming a bad setting or profile */
    public SimulatedSwitch build() {
      Profile p = profile != null ? profile : new ProfileLoader().load(profileName);
      return new SimulatedSwitch(p, new SimSettings(timeScale, load, seed), clock, autoAdvance);
    }
  }

  // ---- SwitchHal

  @Override
  public Inventory inventory() {
    return inventory;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public HalSnapshot snapshot() throws HalException {
    long delayMillis;
    lock.lock();
    try {
      delayMillis = effects.latencyMillis;
    } finally {
      lock.unlock();
    }
    if (delayMillis > 0) {
      delay(delayMillis);
    }
    HalSnapshot snapshot = null;
    List<String> interrupts;
    lock.lock();
    try {
      checkOpen();
      long now = advance();
      interrupts = flags.drainInterrupts();
      if (!effects.chassisReadError) {
        sensors.sample(state, physics.laserModel(), effects, now, settings.seed());
        snapshot = assembler.assemble(++sequence, now, state, effects, sensors, identities, elsFlags.snapshot());
      }
    } finally {
      lock.unlock();
    }
    fire(interrupts);
    if (snapshot == null) {
      throw new HalException("snapshot read failed: chassis management bus error (sensor-read-error fault)");
    }
    return snapshot;
  }

  /** The hal-latency fault: the caller's thread waits, as it would on a slow management bus. */
  private static void delay(long millis) throws HalException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
      if (Thread.currentThread().isInterrupted()) {
        throw new HalException("snapshot read interrupted");
      }
    }
  }

  /**
   * Reads and clears a module's flags. A pulled laser module still answers: its MODULE_STATE_CHANGED
   * flag is the host's presence latch, which the host reads to learn of the removal.
   */
  @Override
  public List<LatchedFlag> readAndClearFlags(String module) throws HalException {
    List<LatchedFlag> out;
    List<String> interrupts;
    lock.lock();
    try {
      checkOpen();
      Entity e = inventory.entity(module).orElseThrow(() -> new HalException("unknown module '" + module + "'"));
      int index;
      if (e.entityClass() == EntityClass.LASER_MODULE) {
        index = e.index() - layout.moduleEntity;
      } else if (e.entityClass() == EntityClass.OPTICAL_ENGINE) {
        index = topology.modules + e.index() - layout.engineEntity;
      } else {
        throw new HalException("'" + module + "' is not a module with flags (els or oe)");
      }
      if (effects.readError[e.index()]) {
        throw new HalException("reading the flags of " + module + " failed (sensor-read-error fault)");
      }
      advance();
      interrupts = flags.drainInterrupts();
      out = flags.readAndClear(index);
    } finally {
      lock.unlock();
    }
    fire(interrupts);
    return out;
  }

  @Override
  public void setInterruptListener(InterruptListener listener) {
    this.listener = listener;
  }

  @Override
  public void setLaserEnabled(String laser, boolean enabled) throws HalException {
    int i = ordinal(laser, EntityClass.LASER);
    if (!state.modulePresent[topology.moduleOfLaser(i)]) {
      throw new HalException("cannot control " + laser + ": its laser module is absent");
    }
    int m = topology.moduleOfLaser(i);
    double warning = topology.profile.moduleThresholds().caseTempHighWarningCelsius();
    if (enabled && read(now -> state.moduleTripped[m] && state.caseTemp[m] >= warning)) {
      throw new HalException("cannot enable " + laser + ": its laser module shut down over its case limit and is"
          + " still above its " + warning + " C warning level");
    }
    mutate(now -> {
      if (enabled && state.moduleTripped[m]) {
        // Enabling a laser of a module that cooled down restarts the module: its latch clears.
        state.moduleTripped[m] = false;
        dev.cpo.hal.sim.profile.Profile p = topology.profile;
        for (int l = m * topology.lasersPerModule; l < (m + 1) * topology.lasersPerModule; l++) {
          state.ramp(l, now, Math.round(p.lasers().rampSeconds() * 1000), Math.round(p.ports().linkUpSeconds() * 1000));
        }
      }
      if (enabled && !state.laserEnabled[i]) {
        dev.cpo.hal.sim.profile.Profile p = topology.profile;
        state.ramp(i, now, Math.round(p.lasers().rampSeconds() * 1000), Math.round(p.ports().linkUpSeconds() * 1000));
      }
      return state.laserEnabled[i] = enabled;
    });
    LOG.info("laser {} {}", laser, enabled ? "enabled" : "disabled");
  }

  @Override
  public void setPortAdminUp(String port, boolean up) throws HalException {
    int n = ordinal(port, EntityClass.PORT);
    mutate(now -> state.portAdminUp[n] = up);
    LOG.info("port {} admin {}", port, up ? "up" : "down");
  }

  @Override
  public void setFanSpeedPercent(String fan, double percent) throws HalException {
    int f = ordinal(fan, EntityClass.FAN);
    if (!(percent >= 0 && percent <= 100)) {
      throw new HalException("fan speed must be 0..100 %, was " + percent);
    }
    mutate(now -> state.fanDemandPercent[f] = percent);
    LOG.info("fan {} demand {} %", fan, percent);
  }

  @Override
  public void setAsicShutdown(String asic, boolean shutdown) throws HalException {
    int a = ordinal(asic, EntityClass.ASIC);
    double trip = topology.profile.asics().hardwareShutdownCelsius();
    boolean refused = mutate(now -> {
      if (!shutdown && state.asicTripped[a]) {
        if (state.asicTemp[a] >= trip) {
          return true;
        }
        // A restart clears the thermal-trip latch: the ASIC powers up again.
        state.asicTripped[a] = false;
      }
      state.asicAdminShutdown[a] = shutdown;
      return false;
    });
    if (refused) {
      throw new HalException("cannot restart " + asic + ": it is still at or above its " + trip
          + " C thermal trip point");
    }
    LOG.info("asic {} {}", asic, shutdown ? "shut down" : "brought up");
  }

  @Override
  public void setLaserModuleShutdown(String module, boolean shutdown) throws HalException {
    int m = ordinal(module, EntityClass.LASER_MODULE);
    double warning = topology.profile.moduleThresholds().caseTempHighWarningCelsius();
    Boolean refused = mutate(now -> {
      if (!state.modulePresent[m]) {
        return null;
      }
      if (shutdown) {
        state.moduleAdminShutdown[m] = true;
        return false;
      }
      if (state.moduleTripped[m] && state.caseTemp[m] >= warning) {
        return true;
      }
      if (state.moduleOff(m)) {
        // A restart powers the lasers and TECs up again: the enabled lasers ramp, their lanes then train.
        state.moduleTripped[m] = false;
        state.moduleAdminShutdown[m] = false;
        dev.cpo.hal.sim.profile.Profile p = topology.profile;
        for (int l = m * topology.lasersPerModule; l < (m + 1) * topology.lasersPerModule; l++) {
          state.ramp(l, now, Math.round(p.lasers().rampSeconds() * 1000), Math.round(p.ports().linkUpSeconds() * 1000));
        }
      }
      return false;
    });
    if (refused == null) {
      throw new HalException("cannot control " + module + ": it is absent");
    }
    if (refused) {
      throw new HalException("cannot restart " + module + ": it shut down over its case limit and is still above"
          + " its " + warning + " C warning level");
    }
    LOG.info("laser module {} {}", module, shutdown ? "shut down" : "restarted");
  }

  @Override
  public void close() {
    closed = true;
    if (ticker != null) {
      LockSupport.unpark(ticker);
    }
  }

  // ---- SimulatorControl

  @Override
  public SimSettings settings() {
    return settings;
  }

  /**
   * Changes the speed of the scaled wall clock without a jump in simulated time. With a clock given
   * at build time (e.g. a {@link ManualClock}) the value is only recorded: that clock sets the pace.
   */
  @Override
  public void setTimeScale(double timeScale) {
    SimSettings next = new SimSettings(timeScale, settings.load(), settings.seed());
    lock.lock();
    try {
      // Simulated time up to now ran at the old speed.
      advance();
      if (scaledClock != null) {
        scaledClock.setScale(timeScale);
      }
      settings = next;
      updateRest();
    } finally {
      lock.unlock();
    }
    LOG.info("time scale {}{}", timeScale, scaledClock == null ? " (recorded; the given clock sets the pace)" : "");
  }

  @Override
  public void setLoad(double load) {
    SimSettings next = new SimSettings(settings.timeScale(), load, settings.seed());
    mutate(now -> {
      state.load = load;
      settings = next;
      return null;
    });
    LOG.info("load {}", load);
  }

  /**
   * Changes the noise seed from now on. The hardware (serial numbers, per-lane path loss, initial laser
   * spread) keeps what the seed given at build time drew: a new seed is new noise, not a new switch.
   */
  @Override
  public void setSeed(long seed) {
    mutate(now -> {
      settings = new SimSettings(settings.timeScale(), settings.load(), seed);
      return null;
    });
    LOG.info("noise seed {}", seed);
  }

  @Override
  public FaultInjector faults() {
    return faultInjector;
  }

  @Override
  public SwitchHal hal() {
    return this;
  }

  // ---- internals shared with the fault injector

  Topology topology() {
    return topology;
  }

  Layout layout() {
    return layout;
  }

  /**
   * Advances to now, runs {@code action} under the lock, re-evaluates the physics at the same instant
   * (so effects and flags show at once), then fires interrupts outside the lock.
   */
  <T> T mutate(LongFunction<T> action) {
    T result;
    List<String> interrupts;
    lock.lock();
    try {
      long now = advance();
      result = action.apply(now);
      physics.evaluate();
      monitor.check(now);
      interrupts = flags.drainInterrupts();
      updateRest();
    } finally {
      lock.unlock();
    }
    fire(interrupts);
    return result;
  }

  /** Reads under the lock after advancing to now. */
  <T> T read(LongFunction<T> action) {
    lock.lock();
    try {
      return action.apply(advance());
    } finally {
      lock.unlock();
    }
  }

  private long advance() {
    long now = clock.millis();
    long from = state.timeMillis;
    if (now > from) {
      physics.advance((now - from) / 1000.0, from, afterStep);
      state.timeMillis = now;
      updateRest();
    }
    lastAdvanceNanos = System.nanoTime();
    return state.timeMillis;
  }

  private void fire(List<String> modules) {
    InterruptListener l = listener;
    if (l == null) {
      return;
    }
    for (String m : modules) {
      try {
        l.onInterrupt(m);
      } catch (RuntimeException e) {
        // One bad listener must not break the simulator or the caller that triggered the interrupt.
        LOG.warn("interrupt listener failed for {}", m, e);
      }
    }
  }

  private int ordinal(String name, EntityClass expected) throws HalException {
    Entity e = inventory.entity(name).orElseThrow(() -> new HalException("unknown entity '" + name + "'"));
    if (e.entityClass() != expected) {
      throw new HalException("'" + name + "' is a " + e.entityClass().key() + ", not a " + expected.key());
    }
    return effects.ordinal(e);
  }

  private void checkOpen() throws HalException {
    if (closed) {
      throw new HalException("simulated switch is closed");
    }
  }
}
