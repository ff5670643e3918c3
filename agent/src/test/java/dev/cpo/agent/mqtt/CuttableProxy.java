package dev.cpo.agent.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on a free loopback port whose live connections a test can cut, like a network blip:
 * both sides see the socket die without an MQTT DISCONNECT; new connections are forwarded again, unless
 * the proxy is {@linkplain #hold held}.
 */
public final class CuttableProxy implements AutoCloseable {

  private final ServerSocket server;
  private final int upstreamPort;
  private final List<Socket> live = new CopyOnWriteArrayList<>();
  private volatile boolean held;

  public CuttableProxy(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String url() {
    return "tcp://127.0.0.1:" + server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (held) {
          // Held: the client's connection is refused at once, as by a broker that is not there.
          closeQuietly(client);
          continue;
        }
        Socket upstream = new Socket();
        upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 2000);
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        live.add(client);
        live.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        // Closed by close(), or upstream refused: the client sees its connection fail.
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16384];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          out.write(buf, 0, n);
        }
      } catch (IOException e) {
        // A cut or a close ends the pump.
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  /** While held, every new connection is closed at once (and live ones are cut); released, forwarded again. */
  public void hold(boolean hold) {
    held = hold;
    if (hold) {
      cut();
    }
  }

  /** Kills every live connection at once. */
  public void cut() {
    for (Socket s : live) {
      closeQuietly(s);
    }
    live.clear();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    cut();
  }
}
