package dev.cpo.agent.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.LaneRef;
import dev.cpo.hal.LaserMapping;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The inventory as JSON: counts, entities with containment, and the laser -> lanes -> ports mapping. */
public final class InventoryJson {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private InventoryJson() {}

  /** The name an entity class goes by in JSON, e.g. {@code laserModule}, {@code opticalEngine}. */
  public static String className(EntityClass c) {
    String[] words = c.name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder sb = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      sb.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    return sb.toString();
  }

  /** The plural used for counts, e.g. {@code laserModules}; the chassis stays {@code chassis}. */
  static String plural(EntityClass c) {
    return c == EntityClass.CHASSIS ? "chassis" : className(c) + "s";
  }

  /** The inventory as the switch started. */
  public static ObjectNode inventory(Inventory inv) {
    return inventory(inv, null);
  }

  /**
   * The inventory with each entity's serial number and firmware revision as of {@code snap} (a module
   * swapped since start shows its own), or as the switch started when {@code snap} is null.
   */
  public static ObjectNode inventory(Inventory inv, dev.cpo.hal.HalSnapshot snap) {
    ObjectNode out = F.objectNode();
    out.put("profile", inv.profile());
    out.put("model", inv.model());
    out.put("lanesPerPort", inv.lanesPerPort());
    out.put("laneRateMbps", inv.laneRateMbps());
    out.put("portSpeedMbps", inv.portSpeedMbps());
    out.set("counts", counts(inv));
    ArrayNode entities = out.putArray("entities");
    for (Entity e : inv.entities()) {
      ObjectNode o = entity(e);
      if (snap != null) {
        o.put("serial", snap.serialNumber(e.index()));
        o.put("firmware", snap.firmwareRevision(e.index()));
      }
      entities.add(o);
    }
    ArrayNode mapping = out.putArray("laserMapping");
    for (LaserMapping m : inv.laserMappings()) {
      mapping.add(mapping(m));
    }
    return out;
  }

  static ObjectNode counts(Inventory inv) {
    Map<EntityClass, Integer> n = new EnumMap<>(EntityClass.class);
    for (EntityClass c : EntityClass.values()) {
      n.put(c, 0);
    }
    for (Entity e : inv.entities()) {
      n.merge(e.entityClass(), 1, Integer::sum);
    }
    ObjectNode counts = F.objectNode();
    n.forEach((c, count) -> counts.put(plural(c), count));
    counts.put("sensors", inv.sensors().size());
    return counts;
  }

  static ObjectNode entity(Entity e) {
    ObjectNode o = F.objectNode();
    o.put("name", e.name());
    o.put("class", className(e.entityClass()));
    o.put("parent", e.parent());
    o.put("position", e.relativePosition());
    o.put("fieldReplaceable", e.fieldReplaceable());
    o.put("serial", e.serialNumber());
    o.put("model", e.model());
    o.put("description", e.description());
    return o;
  }

  static ObjectNode mapping(LaserMapping m) {
    ObjectNode o = F.objectNode();
    o.put("laser", m.laser());
    ArrayNode engines = o.putArray("engines");
    m.engines().forEach(engines::add);
    ArrayNode lanes = o.putArray("lanes");
    Set<String> ports = new LinkedHashSet<>();
    for (LaneRef lane : m.lanes()) {
      lanes.add(lane.laneName());
      ports.add(lane.portName());
    }
    ArrayNode portArray = o.putArray("ports");
    ports.forEach(portArray::add);
    return o;
  }
}
