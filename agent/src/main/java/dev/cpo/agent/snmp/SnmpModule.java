package dev.cpo.agent.snmp;

import org.snmp4j.agent.MOGroup;

/**
 * One MIB module the agent serves: its managed objects (registered into the agent's MOServer as an
 * {@link MOGroup}), and optionally the notifications it sends, from the agent's event stream.
 *
 * <p>Index conventions every module shares: ifIndex of {@code portN} is N; entPhysicalIndex of an
 * entity is {@code Entity.index() + 1}.
 */
public interface SnmpModule extends MOGroup {

  /** Called once the agent is listening; subscribe to events and send notifications from here. */
  default void start(NotificationSender sender) {}

  /** Called before the agent stops. */
  default void stop() {}
}
