package dev.cpo.agent.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicLong;

/** A UDP port that receives and counts notifications (their content is other tests' business). */
final class TrapSink implements AutoCloseable {

  private final DatagramSocket socket;
  private final AtomicLong received = new AtomicLong();
  private final Thread reader;

  TrapSink() {
    try {
      socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
    reader = new Thread(this::read, "trap-sink");
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    byte[] buf = new byte[65535];
    DatagramPacket packet = new DatagramPacket(buf, buf.length);
    while (!socket.isClosed()) {
      try {
        socket.receive(packet);
        received.incrementAndGet();
      } catch (IOException e) {
        // Closing the socket ends the receive: that is how the sink stops.
        if (!socket.isClosed()) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  int port() {
    return socket.getLocalPort();
  }

  long received() {
    return received.get();
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    reader.join(5000);
  }
}
