package dev.cpo.hal.sim;

import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.FlagKind;
import dev.cpo.hal.Listeners;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultCatalog;
import dev.cpo.hal.fault.FaultException;
import dev.cpo.hal.fault.FaultInjector;
import dev.cpo.hal.fault.FaultRequest;
import dev.cpo.hal.fault.FaultType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's fault injector. A request is checked completely before anything changes; then the
 * fault joins the active list and the physics' modifiers are rebuilt from that list, so clearing one
 * fault leaves the others exactly as they were.
 *
 * <p>Clearing {@code laser-degradation} removes the wear that fault did, so the laser returns to the
 * bias and age it had before the fault (plus natural aging meanwhile).
 *
 * <p>Hot swap is state, not a modifier: {@code els-removal} pulls the module (clearing the fault does
 * not put it back), {@code els-insertion} puts a new one in, resolves the removal and any faults on
 * the old module's lasers, and is not kept as an active fault.
 */
final class SimFaultInjector implements FaultInjector {

  private static final Logger LOG = LoggerFactory.getLogger(SimFaultInjector.class);

  private final SimulatedSwitch sim;
  private final List<ActiveFault> active = new ArrayList<>();
  private long nextId = 1;
  private int insertions;
  private volatile long changes;
  private final Listeners listeners = new Listeners("fault change");

  SimFaultInjector(SimulatedSwitch sim) {
    this.sim = sim;
  }

  @Override
  public List<FaultType> catalog() {
    return FaultCatalog.types();
  }

  @Override
  public ActiveFault inject(FaultRequest request) {
    Entity target = sim.inventory().entity(request.target()).orElse(null);
    Map<String, Double> params = FaultCatalog.resolve(request, target == null ? null : target.entityClass());
    Map<String, String> options = FaultCatalog.resolveOptions(request);
    ActiveFault fault = sim.mutate(now -> {
      int m = target.entityClass() == EntityClass.LASER_MODULE ? sim.effects.ordinal(target) : -1;
      if (request.type().equals(FaultCatalog.ELS_REMOVAL) && !sim.state.modulePresent[m]) {
        throw new FaultException(FaultException.Reason.CONFLICT, target.name() + " is already removed");
      }
      if (request.type().equals(FaultCatalog.ELS_INSERTION) && sim.state.modulePresent[m]) {
        throw new FaultException(FaultException.Reason.CONFLICT,
            target.name() + " is present; remove it (els-removal) before inserting one");
      }
      ActiveFault f = new ActiveFault("f" + nextId++, request.type(), target.name(), params, options, now);
      // Sensors freeze at what they showed at injection.
      sim.sensors.sample(sim.state, sim.physics.laserModel(), sim.effects, now, sim.settings().seed());
      switch (request.type()) {
        case FaultCatalog.ELS_REMOVAL:
          sim.state.modulePresent[m] = false;
          sim.flags.latch(m, target.name(), FlagKind.MODULE_STATE_CHANGED, now);
          active.add(f);
          break;
        case FaultCatalog.ELS_INSERTION:
          insert(m, target, now);
          break;
        default:
          active.add(f);
      }
      sim.effects.rebuild(active);
      changes++;
      return f;
    });
    LOG.info("fault {} injected: {} on {} {}", fault.id(), fault.type(), fault.target(), fault.parameters());
    changed();
    return fault;
  }

  /** A new module: present, lasers enabled at beginning of life, faults of the old one resolved. */
  private void insert(int m, Entity module, long now) {
    SimState s = sim.state;
    Topology t = sim.topology();
    s.modulePresent[m] = true;
    s.moduleTripped[m] = false;
    s.moduleAdminShutdown[m] = false;
    double spread = t.profile.lasers().initialDegradationSpreadPercent() / 100;
    insertions++;
    for (int l = 0; l < t.lasersPerModule; l++) {
      int i = m * t.lasersPerModule + l;
      s.laserEnabled[i] = true;
      s.laserTripped[i] = false;
      // A new laser: age 0; its manufacturing spread is its own starting offset, not age.
      s.laserDegradation[i] = 0;
      s.laserSpread[i] = spread * Noise.uniform(sim.settings().seed() + insertions, 4, i);
      s.laserTemp[i] = t.profile.lasers().setpointCelsius();
      // The module initialises, then each laser ramps, then its lanes train.
      s.ramp(i, now + Math.round(t.profile.ports().moduleInitSeconds() * 1000),
          Math.round(t.profile.lasers().rampSeconds() * 1000), Math.round(t.profile.ports().linkUpSeconds() * 1000));
    }
    s.faultWear.resetLasers(m * t.lasersPerModule, (m + 1) * t.lasersPerModule);
    sim.elsFlags.forget(m * t.lasersPerModule, t.lasersPerModule);
    // A new module is new hardware: its own serial number (made this year) and the newest firmware.
    java.util.List<String> firmware = t.profile.laserModules().firmwareRevisions();
    sim.identities = sim.identities.with(module.index(),
        InventoryFactory.serial("EL", sim.settings().seed() + 0x5EA1L * insertions, module.index(), 26),
        firmware.get(firmware.size() - 1));
    String prefix = module.name() + "/";
    active.removeIf(f -> f.target().equals(module.name()) || f.target().startsWith(prefix));
    sim.flags.latch(m, module.name(), FlagKind.MODULE_STATE_CHANGED, now);
  }

  @Override
  public ActiveFault clear(String id) {
    ActiveFault cleared = sim.mutate(now -> {
      ActiveFault f = active.stream().filter(a -> a.id().equals(id)).findFirst()
          .orElseThrow(() -> new FaultException(FaultException.Reason.NOT_FOUND, "no active fault with id '" + id + "'"));
      active.remove(f);
      // A cleared laser-degradation takes back the wear it did (see LaserWear); others have no account.
      sim.state.faultWear.remove(f.id());
      sim.effects.rebuild(active);
      changes++;
      return f;
    });
    LOG.info("fault {} cleared: {} on {}", cleared.id(), cleared.type(), cleared.target());
    changed();
    return cleared;
  }

  @Override
  public List<ActiveFault> active() {
    return sim.read(now -> List.copyOf(active));
  }

  /** Counted under the switch's lock, where the list changes; {@link #active()} steps the physics, this does not. */
  @Override
  public long changes() {
    return changes;
  }

  @Override
  public boolean addChangeListener(Runnable listener) {
    listeners.add(listener);
    return true;
  }

  @Override
  public void removeChangeListener(Runnable listener) {
    listeners.remove(listener);
  }

  /** Tells the listeners, outside the switch's lock. */
  private void changed() {
    listeners.tell();
  }
}
