package dev.cpo.agent.lifecycle;

/** A part of the running product that starts and stops: the simulator, the poller, SNMP, MQTT, the control API. */
public interface Component {

  /** Short name for logs, e.g. {@code snmp}. */
  String name();

  /** Starts the component; when it returns, the component serves. */
  void start() throws Exception;

  /**
   * What keeps a started component from doing its job, in a few words an operator can act on (e.g.
   * MQTT: {@code not authorized (MQTT reason 135), retrying}), or null while it works. Read by the
   * health route from any thread; must not block.
   */
  default String problem() {
    return null;
  }

  /** Stops the component, releasing its ports and threads. Must not throw. */
  void stop();
}
