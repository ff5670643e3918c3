package dev.cpo.hal;

import java.util.List;

/**
 * Which lanes a laser feeds, and through which optical engine.
 *
 * @param laser laser entity name, e.g. {@code els3/laser5}
 * @param lanes the port lanes this laser's light reaches (4 on the default profile)
 * @param engines optical engines the laser feeds (one or more)
 */
public record LaserMapping(String laser, List<LaneRef> lanes, List<String> engines) {

  public LaserMapping {
    lanes = List.copyOf(lanes);
    engines = List.copyOf(engines);
  }
}
