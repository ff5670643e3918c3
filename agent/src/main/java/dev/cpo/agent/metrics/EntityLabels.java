package dev.cpo.agent.metrics;

import dev.cpo.hal.Entity;
import dev.cpo.hal.Inventory;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.List;

/**
 * The labels that say which entity a sample is about, built once per inventory so a scrape allocates none:
 * {@code port="17",lane="3"} for a lane, {@code module="els3",laser="5"} for a laser, {@code port="17"} for a
 * port, {@code module="els3"} for a laser module, and the entity's own name under its class
 * ({@code asic="asic2"}, {@code engine="oe17"}, {@code loop="loop1"}, {@code fan="fan2"}) for the rest. The
 * chassis has none. Ports, lanes and lasers carry numbers, as transceiver exporters and faceplates show them.
 */
final class EntityLabels {

  private final Labels[] byEntity;

  EntityLabels(Inventory inventory) {
    List<Entity> entities = inventory.entities();
    byEntity = new Labels[entities.size()];
    for (Entity e : entities) {
      byEntity[e.index()] = of(e);
    }
  }

  Labels of(int entityIndex) {
    return byEntity[entityIndex];
  }

  private static Labels of(Entity e) {
    return switch (e.entityClass()) {
      case CHASSIS -> Labels.EMPTY;
      case PORT -> Labels.of("port", Integer.toString(e.port()));
      case LANE -> Labels.of("port", Integer.toString(e.port()), "lane", Integer.toString(e.lane()));
      case LASER -> Labels.of("module", e.parent(), "laser", Integer.toString(e.laser()));
      case LASER_MODULE -> Labels.of("module", e.name());
      case ASIC -> Labels.of("asic", e.name());
      case OPTICAL_ENGINE -> Labels.of("engine", e.name());
      case COOLING_LOOP -> Labels.of("loop", e.name());
      case FAN -> Labels.of("fan", e.name());
      case POWER_INPUT -> Labels.of("input", e.name());
      case LEAK_SENSOR -> Labels.of("sensor", e.name());
      default -> Labels.of("entity", e.name());
    };
  }
}
