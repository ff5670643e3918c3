package dev.cpo.agent.mqtt.link;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories that switch Nagle's algorithm off (TCP_NODELAY). Paho leaves it on, and a small
 * PUBLISH then waits for the ACK of the previous one, which the peer delays by up to 40 ms on Linux:
 * measured, that put one alarm event in a hundred 40-50 ms late.
 */
public final class NoDelaySockets {

  private NoDelaySockets() {}

  /** Plain TCP sockets with TCP_NODELAY. */
  public static SocketFactory plain() {
    return new Plain(SocketFactory.getDefault(), null);
  }

  /**
   * Plain TCP sockets with TCP_NODELAY whose flushes {@code cork} can hold back (the unconnected socket Paho
   * asks for and connects; the others are not held).
   */
  public static SocketFactory plain(Cork cork) {
    return new Plain(SocketFactory.getDefault(), cork);
  }

  /** TLS sockets from {@code tls}, with TCP_NODELAY (still an {@link SSLSocketFactory}, as Paho requires for ssl://). */
  public static SSLSocketFactory tls(SSLSocketFactory tls) {
    return new Tls(tls);
  }

  private static <S extends Socket> S noDelay(S socket) throws IOException {
    socket.setTcpNoDelay(true);
    return socket;
  }

  private static final class Plain extends SocketFactory {
    private final SocketFactory delegate;
    private final Cork cork;

    Plain(SocketFactory delegate, Cork cork) {
      this.delegate = delegate;
      this.cork = cork;
    }

    @Override
    public Socket createSocket() throws IOException {
      return noDelay(cork != null ? cork.socket() : delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return noDelay(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
      return noDelay(delegate.createSocket(address, port, localAddress, localPort));
    }
  }

  private static final class Tls extends SSLSocketFactory {
    private final SSLSocketFactory delegate;

    Tls(SSLSocketFactory delegate) {
      this.delegate = delegate;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return noDelay(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
      return noDelay(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return noDelay(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
      return noDelay(delegate.createSocket(address, port, localAddress, localPort));
    }
  }
}
