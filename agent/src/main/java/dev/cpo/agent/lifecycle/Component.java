package dev.cpo.agent.lifecycle;

/** A part of the running product that starts and stops: the simulator, the poller, SNMP, MQTT, the control API. */
public interface Component {

  /** Short name for logs, e.g. {@code snmp}. */
  String name();

  /** Starts the component; when it returns, the component serves. */
  void start() throws Exception;

  /** Stops the component, releasing its ports and threads. Must not throw. */
  void stop();
}
