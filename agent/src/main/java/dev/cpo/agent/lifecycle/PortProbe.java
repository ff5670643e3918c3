package dev.cpo.agent.lifecycle;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

/**
 * Binds a port the way a component will and releases it at once, so that a port in use is refused in
 * one line ({@link StartRefused#bind}) before anything starts, rather than deep in a library that logs
 * its own stack trace (Moquette) or after other components have started and logged.
 */
public final class PortProbe {

  private PortProbe() {}

  /**
   * UDP is bound plain, as SNMP4J does; TCP with SO_REUSEADDR, as Netty's and gRPC's server channels
   * are on Linux (a port with connections of an earlier run in TIME_WAIT is free for them, and for this).
   *
   * @param protocol {@code udp} or {@code tcp}
   * @param address where to bind
   * @param configured the address as configured, for the message
   * @throws StartRefused naming {@code portKey} (or {@code bindKey} when the address is what is wrong)
   */
  public static void bind(String portKey, String bindKey, String protocol, InetAddress address, String configured,
      int port) throws StartRefused {
    InetSocketAddress at = new InetSocketAddress(address, port);
    Closeable socket = null;
    try {
      if (protocol.equals("udp")) {
        DatagramSocket udp = new DatagramSocket(null);
        socket = udp;
        udp.bind(at);
      } else {
        ServerSocketChannel tcp = ServerSocketChannel.open();
        socket = tcp;
        tcp.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        tcp.bind(at, 1);
      }
    } catch (IOException e) {
      throw StartRefused.bind(portKey, bindKey, protocol, configured, port, e);
    } finally {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // A socket just bound and never used: closing it loses nothing.
        }
      }
    }
  }
}
