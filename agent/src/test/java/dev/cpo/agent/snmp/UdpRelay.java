package dev.cpo.agent.snmp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback UDP relay in front of the agent that records what clients send (the "captured message"
 * of a replay) and how large the answers are. Requests go to the agent from one socket, its answers
 * back to the last client.
 */
final class UdpRelay implements AutoCloseable {

  private final DatagramSocket front;
  private final DatagramSocket back;
  private final List<byte[]> requests = new CopyOnWriteArrayList<>();
  private final List<Integer> responseSizes = new CopyOnWriteArrayList<>();
  private volatile SocketAddress client;

  UdpRelay(int agentPort) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    front = new DatagramSocket(0, loopback);
    back = new DatagramSocket(0, loopback);
    back.connect(loopback, agentPort);
    pump("relay-in", front, packet -> {
      client = packet.getSocketAddress();
      byte[] data = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
      requests.add(data);
      back.send(new DatagramPacket(data, data.length));
    });
    pump("relay-out", back, packet -> {
      SocketAddress to = client;
      responseSizes.add(packet.getLength());
      if (to != null) {
        front.send(new DatagramPacket(packet.getData(), packet.getLength(), to));
      }
    });
  }

  private interface Handler {
    void handle(DatagramPacket packet) throws IOException;
  }

  private static void pump(String name, DatagramSocket socket, Handler handler) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[65535];
      while (!socket.isClosed()) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
          handler.handle(packet);
        } catch (IOException e) {
          return; // closed
        }
      }
    }, name);
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return front.getLocalPort();
  }

  /** Every datagram clients sent, in order. */
  List<byte[]> requests() {
    return List.copyOf(requests);
  }

  /** The size of every datagram the agent answered with, in order. */
  List<Integer> responseSizes() {
    return List.copyOf(responseSizes);
  }

  @Override
  public void close() {
    front.close();
    back.close();
  }
}
