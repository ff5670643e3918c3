package dev.cpo.agent.policy;

/** What a policy can do, with the name used in policies.yaml and in ActionTaken events. */
public enum PolicyAction {
  /** Disable the laser the alarm is on; undo: enable it. */
  LASER_DISABLE("laser-disable", "laser-enable", "laser"),
  /** Shut the ASIC the alarm is on down; undo: bring it back. */
  ASIC_SHUTDOWN("asic-shutdown", "asic-restart", "asic"),
  /** Every fan but the failed one to full speed; undo: back to the configured demand. */
  FANS_FULL_SPEED("fans-full-speed", "fans-normal-speed", "fan");

  private final String key;
  private final String undoKey;
  private final String entityPrefix;

  PolicyAction(String key, String undoKey, String entityPrefix) {
    this.key = key;
    this.undoKey = undoKey;
    this.entityPrefix = entityPrefix;
  }

  public String key() {
    return key;
  }

  /** The event name of the undo. */
  public String undoKey() {
    return undoKey;
  }

  /** The entity class (as a condition prefix) the triggering condition must be about. */
  public String entityPrefix() {
    return entityPrefix;
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
