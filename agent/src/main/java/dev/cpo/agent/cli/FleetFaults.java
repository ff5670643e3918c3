package dev.cpo.agent.cli;

import dev.cpo.hal.Entity;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultCatalog;
import dev.cpo.hal.fault.FaultException;
import dev.cpo.hal.fault.FaultRequest;
import dev.cpo.hal.fault.FaultType;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet-wide fault generator for pipeline tests: random catalog faults on random switches at a
 * steady rate, each cleared after a hold time, from a seeded {@link Random} so that the same seed,
 * rate and fleet give the same sequence of (switch, type, target). Every injection and clear is logged
 * on {@code cpo.fleet.faults}, one line each.
 *
 * <p>Hot swap ({@code els-removal}, {@code els-insertion}) is left out: a removed module comes back only
 * by a second fault, so the generator's own clear would not restore it.
 */
public final class FleetFaults implements AutoCloseable {

  /** Fault types the generator never draws, and why (above). */
  static final Set<String> EXCLUDED = Set.of(FaultCatalog.ELS_REMOVAL, FaultCatalog.ELS_INSERTION);

  private static final Logger LOG = LoggerFactory.getLogger("cpo.fleet.faults");

  /** One drawn fault, before injection. */
  record Draw(int switchIndex, String switchId, String type, String target) {}

  private final List<String> ids;
  private final List<SimulatedSwitch> sims;
  private final Random random;
  private final List<FaultType> types;
  private final Duration hold;
  private final AtomicLong injected = new AtomicLong();
  private ScheduledExecutorService executor;

  /**
   * @param ids the switches' ids, in the same order as {@code sims}
   * @param hold how long each fault stays before it is cleared
   */
  public FleetFaults(List<String> ids, List<SimulatedSwitch> sims, long seed, Duration hold) {
    this.ids = List.copyOf(ids);
    this.sims = List.copyOf(sims);
    this.random = new Random(seed);
    this.hold = hold;
    List<FaultType> t = new ArrayList<>();
    for (FaultType type : FaultCatalog.types()) {
      if (!EXCLUDED.contains(type.name())) {
        t.add(type);
      }
    }
    this.types = List.copyOf(t);
  }

  /** The next fault the seeded sequence gives (also what {@link #start} injects, in order). */
  synchronized Draw next() {
    int k = random.nextInt(sims.size());
    FaultType type = types.get(random.nextInt(types.size()));
    List<Entity> candidates = new ArrayList<>();
    for (Entity e : sims.get(k).inventory().entities()) {
      if (type.targetClasses().contains(e.entityClass())) {
        candidates.add(e);
      }
    }
    String target = candidates.get(random.nextInt(candidates.size())).name();
    return new Draw(k, ids.get(k), type.name(), target);
  }

  /** Injects {@code perMinute} faults a minute across the fleet until {@link #close()}. */
  public void start(double perMinute) {
    if (perMinute <= 0) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "fleet-faults");
      t.setDaemon(true);
      return t;
    });
    long periodMicros = Math.max(1, Math.round(60_000_000 / perMinute));
    executor.scheduleAtFixedRate(this::injectOne, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
    LOG.info("fleet fault generator: {} faults a minute across {} switches, each held {} s", perMinute, sims.size(),
        hold.toSeconds());
  }

  private void injectOne() {
    Draw d = next();
    SimulatedSwitch sim = sims.get(d.switchIndex());
    try {
      ActiveFault f = sim.faults().inject(FaultRequest.of(d.type(), d.target()));
      long n = injected.incrementAndGet();
      LOG.info("fleet fault {}: {} {} on {} (id {}), cleared in {} s", n, d.switchId(), d.type(), d.target(), f.id(),
          hold.toSeconds());
      executor.schedule(() -> clear(d, f), hold.toMillis(), TimeUnit.MILLISECONDS);
    } catch (FaultException e) {
      // e.g. the same fault already active on that target: skipped, and said.
      LOG.info("fleet fault skipped: {} {} on {}: {}", d.switchId(), d.type(), d.target(), e.getMessage());
    }
  }

  private void clear(Draw d, ActiveFault f) {
    try {
      sims.get(d.switchIndex()).faults().clear(f.id());
      LOG.info("fleet fault cleared: {} {} on {} (id {})", d.switchId(), d.type(), d.target(), f.id());
    } catch (FaultException e) {
      // Cleared by hand meanwhile (the control API or a scenario).
      LOG.info("fleet fault {} on {} was already cleared: {}", f.id(), d.switchId(), e.getMessage());
    }
  }

  /** Faults injected so far. */
  public long injected() {
    return injected.get();
  }

  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
