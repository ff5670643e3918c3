package dev.cpo.agent.policy;

import dev.cpo.hal.EntityClass;

/** What a policy can do, with the name used in policies.yaml and in ActionTaken events. */
public enum PolicyAction {
  /** Disable the laser the alarm is on; undo: enable it. */
  LASER_DISABLE("laser-disable", "laser-enable", EntityClass.LASER),
  /** Shut the ASIC the alarm is on down; undo: bring it back. */
  ASIC_SHUTDOWN("asic-shutdown", "asic-restart", EntityClass.ASIC),
  /**
   * Shut the laser module the alarm is on down (its lasers and TECs off); undo: restart it, which also
   * clears the module's own latch after a case over-temperature shutdown.
   */
  ELS_SHUTDOWN("els-shutdown", "els-restart", EntityClass.LASER_MODULE),
  /** Every fan but the failed one to full speed; undo: back to the configured demand. */
  FANS_FULL_SPEED("fans-full-speed", "fans-normal-speed", EntityClass.FAN);

  private final String key;
  private final String undoKey;
  private final EntityClass entityClass;

  PolicyAction(String key, String undoKey, EntityClass entityClass) {
    this.key = key;
    this.undoKey = undoKey;
    this.entityClass = entityClass;
  }

  public String key() {
    return key;
  }

  /** The event name of the undo. */
  public String undoKey() {
    return undoKey;
  }

  /** The entity class the triggering condition must be about. */
  public EntityClass entityClass() {
    return entityClass;
  }

  public static PolicyAction ofKey(String key) {
    for (PolicyAction a : values()) {
      if (a.key.equals(key)) {
        return a;
      }
    }
    return null;
  }
}
