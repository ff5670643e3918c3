package dev.cpo.agent.alarm;

import java.util.Objects;

/**
 * What to replace to fix an alarm.
 *
 * @param replace the entity to replace, e.g. {@code els3} (a laser module); for a fault in a part that
 *     cannot be replaced on its own, the entity that must be replaced instead (e.g. {@code chassis})
 * @param fieldReplaceable whether an operator can replace it in the field on this profile
 * @param advice one sentence for the operator, e.g. "Replace laser module els3 (field-replaceable)."
 */
public record Serviceability(String replace, boolean fieldReplaceable, String advice) {

  public Serviceability {
    Objects.requireNonNull(replace, "replace");
    Objects.requireNonNull(advice, "advice");
  }
}
