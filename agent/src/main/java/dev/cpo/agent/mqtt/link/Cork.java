package dev.cpo.agent.mqtt.link;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds back the connection's flushes while the {@link Sender} hands a run of telemetry to Paho, and sends
 * what they held in one write when the run ends: Paho flushes its socket after every packet, so each of
 * the ~900 QoS 0 telemetry messages of a tick was one {@code write(2)}, which on loopback also runs the
 * broker's side of TCP and wakes its reader. The {@link Sender} holds it while it hands telemetry to
 * Paho, until Paho has acknowledged (written) all of it, at most {@link Sender#CORK_BACKSTOP_MILLIS} ms,
 * and releases it before any message of another lane; the socket's own close sends what is held first. A plain-TCP connection only (see {@link NoDelaySockets#plain(Cork)}).
 */
public final class Cork {

  private static final Logger LOG = LoggerFactory.getLogger(Cork.class);

  /** Held bytes beyond which they go out anyway (about 60 telemetry messages). */
  static final int MAX_HELD_BYTES = 32 * 1024;

  private volatile HeldStream stream;
  private boolean held;

  /** While held, the connection's flushes wait. Sender's thread. */
  void hold() {
    if (!held) {
      held = true;
      HeldStream s = stream;
      if (s != null) {
        s.hold();
      }
    }
  }

  /** Sends what was held back, and flushes go out at once again. Sender's thread. */
  void release() {
    if (held) {
      held = false;
      HeldStream s = stream;
      if (s != null) {
        s.release();
      }
    }
  }

  /** A socket whose output stream this cork can hold; what it holds goes out before it closes. */
  Socket socket() {
    return new CorkedSocket(this);
  }

  private static final class CorkedSocket extends Socket {
    private final Cork cork;
    private HeldStream out;

    CorkedSocket(Cork cork) {
      this.cork = cork;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
      if (out == null) {
        out = new HeldStream(super.getOutputStream());
        cork.stream = out;
      }
      return out;
    }

    @Override
    public synchronized void close() throws IOException {
      if (out != null) {
        out.release();
        if (cork.stream == out) {
          cork.stream = null;
        }
      }
      super.close();
    }
  }

  /** The socket's stream: bytes go out on flush, unless held; then on release. */
  static final class HeldStream extends OutputStream {
    private final OutputStream socket;
    private final byte[] buf = new byte[MAX_HELD_BYTES];
    private int count;
    private boolean held;

    HeldStream(OutputStream socket) {
      this.socket = socket;
    }

    synchronized void hold() {
      held = true;
    }

    /** Sends what is held; a failure here is the connection's, which Paho's reader sees and reports. */
    synchronized void release() {
      held = false;
      try {
        send();
      } catch (IOException e) {
        LOG.debug("MQTT: sending the held telemetry failed ({}); the connection is going", e.toString());
      }
    }

    @Override
    public synchronized void write(int b) throws IOException {
      if (count == buf.length) {
        send();
      }
      buf[count++] = (byte) b;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      if (count + len > buf.length) {
        send();
      }
      if (len > buf.length) {
        // Larger than the buffer: straight out, after what was before it.
        socket.write(b, off, len);
        return;
      }
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }

    @Override
    public synchronized void flush() throws IOException {
      if (!held) {
        send();
      }
    }

    private void send() throws IOException {
      if (count > 0) {
        int n = count;
        count = 0;
        socket.write(buf, 0, n);
        socket.flush();
      }
    }

    @Override
    public synchronized void close() throws IOException {
      try {
        send();
      } finally {
        socket.close();
      }
    }
  }
}
