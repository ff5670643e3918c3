package dev.cpo.hal;

import java.util.Objects;

/**
 * One physical entity of the switch.
 *
 * @param index dense index of this entity in {@link Inventory#entities()}, 0-based, stable for the life of the HAL
 * @param name stable name, e.g. {@code chassis}, {@code asic2}, {@code oe17}, {@code els3}, {@code els3/laser5},
 *     {@code port42}, {@code port42/lane3}, {@code loop1}, {@code fan2}
 * @param entityClass what it is
 * @param parent name of the containing entity, or {@code null} for the chassis
 * @param relativePosition position among the parent's children of the same class, 1-based
 * @param fieldReplaceable whether an operator can replace it in the field on this profile
 * @param serialNumber serial number (empty where the hardware has none)
 * @param model model name or part number
 * @param description human readable description, e.g. "1.6T silicon-photonics optical engine"
 */
public record Entity(
    int index,
    String name,
    EntityClass entityClass,
    String parent,
    int relativePosition,
    boolean fieldReplaceable,
    String serialNumber,
    String model,
    String description) {

  public Entity {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(entityClass, "entityClass");
    Objects.requireNonNull(serialNumber, "serialNumber");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(description, "description");
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, was " + index);
    }
    if (relativePosition < 1) {
      throw new IllegalArgumentException("relativePosition must be >= 1, was " + relativePosition);
    }
  }
}
