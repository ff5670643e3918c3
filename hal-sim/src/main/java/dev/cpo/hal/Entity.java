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
 * @param address its numbers (port, lane, laser module, laser): read these, never the name
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
    String description,
    EntityAddress address) {

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
    Objects.requireNonNull(address, "address");
    boolean fits = switch (entityClass) {
      case PORT -> address.port() == address.number() && address.lane() == 0 && address.laserModule() == 0;
      case LANE -> address.port() > 0 && address.lane() == address.number() && address.laserModule() == 0;
      case LASER_MODULE -> address.laserModule() == address.number() && address.laser() == 0 && address.port() == 0;
      case LASER -> address.laserModule() > 0 && address.laser() == address.number() && address.port() == 0;
      default -> address.port() == 0 && address.laserModule() == 0;
    };
    if (!fits) {
      throw new IllegalArgumentException(name + ": address " + address + " does not fit a " + entityClass.key());
    }
  }

  /** An entity addressed as its name says ({@link EntityAddress#fromName}): for fixtures built by name. */
  public Entity(int index, String name, EntityClass entityClass, String parent, int relativePosition,
      boolean fieldReplaceable, String serialNumber, String model, String description) {
    this(index, name, entityClass, parent, relativePosition, fieldReplaceable, serialNumber, model, description,
        EntityAddress.fromName(entityClass, Objects.requireNonNull(name, "name")));
  }

  /** The entity's own number ({@code asic2}: 2, {@code port42/lane3}: 3). */
  public int number() {
    return address.number();
  }

  /** The port number of a port or lane (1-based; the port's ifIndex). */
  public int port() {
    return require(address.port(), "port");
  }

  /** The lane number within its port, of a lane (1-based). */
  public int lane() {
    return require(address.lane(), "lane");
  }

  /** The laser module (ELS) number of a module or laser (1-based). */
  public int laserModule() {
    return require(address.laserModule(), "laser module");
  }

  /** The laser number within its module, of a laser (1-based). */
  public int laser() {
    return require(address.laser(), "laser");
  }

  private int require(int n, String what) {
    if (n == 0) {
      throw new IllegalStateException(name + " (" + entityClass.key() + ") has no " + what + " number");
    }
    return n;
  }
}
