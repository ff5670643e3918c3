package dev.cpo.hal;

/**
 * One lane of one port.
 *
 * @param port 1-based port number
 * @param lane 1-based lane number within the port
 */
public record LaneRef(int port, int lane) {

  public LaneRef {
    if (port < 1 || lane < 1) {
      throw new IllegalArgumentException("port and lane are 1-based, got port " + port + " lane " + lane);
    }
  }

  /** Entity name of the port, e.g. {@code port42}. */
  public String portName() {
    return "port" + port;
  }

  /** Entity name of the lane, e.g. {@code port42/lane3}. */
  public String laneName() {
    return "port" + port + "/lane" + lane;
  }
}
