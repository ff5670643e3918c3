package dev.cpo.agent.scenario;

import java.util.regex.Pattern;

/**
 * An entity name as a scenario writes it: plain ({@code els3/laser5}, the switch the run is on) or
 * prefixed with a fleet's switch id ({@code sw7:els3/laser5}). Inventory names hold no ':', so the
 * first ':' separates the two.
 *
 * @param switchId the switch named, or null for a plain name
 * @param name the entity name on that switch
 */
public record SwitchRef(String switchId, String name) {

  private static final Pattern SWITCH_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  /**
   * @throws IllegalArgumentException naming the text when the prefix or the name after it is empty or malformed
   */
  public static SwitchRef parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      return new SwitchRef(null, text);
    }
    String id = text.substring(0, colon);
    String name = text.substring(colon + 1);
    if (!SWITCH_ID.matcher(id).matches() || name.isBlank() || name.indexOf(':') >= 0) {
      throw new IllegalArgumentException("'" + text + "' is neither an entity name (els3/laser5) nor one on a switch"
          + " of a fleet (sw7:els3/laser5)");
    }
    return new SwitchRef(id, name);
  }

  /** Whether {@code id} has the form of a fleet's switch id ({@code sw7}). */
  public static boolean isSwitchId(String id) {
    return SWITCH_ID.matcher(id).matches();
  }

  /** As written: {@code sw7:els3/laser5} or {@code els3/laser5}. */
  @Override
  public String toString() {
    return switchId == null ? name : switchId + ":" + name;
  }
}
