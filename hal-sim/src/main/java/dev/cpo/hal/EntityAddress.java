package dev.cpo.hal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an entity sits, as numbers: what its name says, so no consumer parses names. All numbers are
 * 1-based; 0 means the entity has no such number.
 *
 * @param number the entity's own number: {@code asic2} 2, {@code oe17} 17, {@code port42} 42, {@code
 *     port42/lane3} 3, {@code els3} 3, {@code els3/laser5} 5, the chassis 1
 * @param port the port number of a port or a lane (the ifIndex of the port)
 * @param lane the lane number within its port, of a lane
 * @param laserModule the laser module (ELS) number of a module or a laser
 * @param laser the laser number within its module, of a laser
 */
public record EntityAddress(int number, int port, int lane, int laserModule, int laser) {

  private static final Pattern TWO_LEVEL = Pattern.compile("([a-z]+)(\\d+)/([a-z]+)(\\d+)");
  private static final Pattern ONE_LEVEL = Pattern.compile("([a-z]+)(\\d+)");

  public EntityAddress {
    if (number < 1 || port < 0 || lane < 0 || laserModule < 0 || laser < 0) {
      throw new IllegalArgumentException("entity numbers are 1-based (0: none), got number " + number + " port " + port
          + " lane " + lane + " laserModule " + laserModule + " laser " + laser);
    }
  }

  /** An entity known by its number alone: an ASIC, engine, loop, fan, power input, leak sensor, the chassis (1). */
  public static EntityAddress numbered(int number) {
    return new EntityAddress(number, 0, 0, 0, 0);
  }

  /** Port {@code port}. */
  public static EntityAddress port(int port) {
    return new EntityAddress(port, port, 0, 0, 0);
  }

  /** Lane {@code lane} of port {@code port}. */
  public static EntityAddress lane(int port, int lane) {
    if (port < 1) {
      throw new IllegalArgumentException("a lane's port is 1-based, got " + port);
    }
    return new EntityAddress(lane, port, lane, 0, 0);
  }

  /** Laser module (ELS) {@code module}. */
  public static EntityAddress laserModule(int module) {
    return new EntityAddress(module, 0, 0, module, 0);
  }

  /** Laser {@code laser} of laser module {@code module}. */
  public static EntityAddress laser(int module, int laser) {
    if (module < 1) {
      throw new IllegalArgumentException("a laser's module is 1-based, got " + module);
    }
    return new EntityAddress(laser, 0, 0, module, laser);
  }

  /**
   * The address the HAL's naming scheme gives an entity of this class ({@code port42/lane3},
   * {@code els3/laser5}, {@code asic2}, {@code chassis}). The one place a name is read for numbers: the
   * simulator passes addresses explicitly, and this is for fixtures that build entities by name.
   *
   * @throws IllegalArgumentException when the name does not follow the scheme for the class
   */
  public static EntityAddress fromName(EntityClass entityClass, String name) {
    switch (entityClass) {
      case CHASSIS -> {
        return numbered(1);
      }
      case LANE, LASER -> {
        Matcher m = TWO_LEVEL.matcher(name);
        String parent = entityClass == EntityClass.LANE ? "port" : "els";
        if (!m.matches() || !m.group(1).equals(parent) || !m.group(3).equals(entityClass.key())) {
          throw new IllegalArgumentException("a " + entityClass.key() + " is named " + parent + "N/" + entityClass.key()
              + "M, was '" + name + "'");
        }
        int outer = Integer.parseInt(m.group(2));
        int inner = Integer.parseInt(m.group(4));
        return entityClass == EntityClass.LANE ? lane(outer, inner) : laser(outer, inner);
      }
      default -> {
        Matcher m = ONE_LEVEL.matcher(name);
        if (!m.matches() || !m.group(1).equals(entityClass.key())) {
          throw new IllegalArgumentException("a " + entityClass.key() + " is named " + entityClass.key() + "N, was '"
              + name + "'");
        }
        int n = Integer.parseInt(m.group(2));
        return switch (entityClass) {
          case PORT -> port(n);
          case LASER_MODULE -> laserModule(n);
          default -> numbered(n);
        };
      }
    }
  }
}
