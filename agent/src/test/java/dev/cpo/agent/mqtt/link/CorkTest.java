package dev.cpo.agent.mqtt.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorkTest {

  /** The socket's side: each write(2) it would make, as a string. */
  private static final class Socket extends OutputStream {
    final List<String> writes = new ArrayList<>();
    boolean closed;

    @Override
    public void write(int b) {
      writes.add(String.valueOf((char) b));
    }

    @Override
    public void write(byte[] b, int off, int len) {
      writes.add(new String(b, off, len, StandardCharsets.US_ASCII));
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static void packet(OutputStream out, String text) throws Exception {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Test
  void flushesGoOutAtOnceUnlessHeldAndWhatWasHeldGoesOutInOneWriteOnRelease() throws Exception {
    Socket socket = new Socket();
    Cork.HeldStream out = new Cork.HeldStream(socket);
    packet(out, "a");
    assertThat(socket.writes).containsExactly("a");

    out.hold();
    packet(out, "b");
    packet(out, "c");
    assertThat(socket.writes).containsExactly("a");
    out.release();
    assertThat(socket.writes).containsExactly("a", "bc");

    packet(out, "d");
    assertThat(socket.writes).containsExactly("a", "bc", "d");
  }

  @Test
  void heldBytesGoOutWhenTheBufferIsFullAndLargeWritesInOrder() throws Exception {
    Socket socket = new Socket();
    Cork.HeldStream out = new Cork.HeldStream(socket);
    out.hold();
    byte[] third = new byte[Cork.MAX_HELD_BYTES / 3 + 1];
    java.util.Arrays.fill(third, (byte) 'x');
    out.write(third);
    out.write(third);
    out.write(third);
    assertThat(socket.writes).hasSize(1);
    assertThat(socket.writes.get(0)).hasSize(2 * third.length);
    byte[] big = new byte[Cork.MAX_HELD_BYTES + 1];
    java.util.Arrays.fill(big, (byte) 'y');
    out.write(big);
    assertThat(socket.writes).hasSize(3);
    assertThat(socket.writes.get(1)).hasSize(third.length);
    assertThat(socket.writes.get(2)).startsWith("y").hasSize(big.length);
  }

  @Test
  void closingSendsWhatIsHeldFirst() throws Exception {
    Socket socket = new Socket();
    Cork.HeldStream out = new Cork.HeldStream(socket);
    out.hold();
    packet(out, "disconnect");
    out.close();
    assertThat(socket.writes).containsExactly("disconnect");
    assertThat(socket.closed).isTrue();
  }

  @Test
  void aCorkWithNoConnectionYetHoldsAndReleasesNothing() {
    Cork cork = new Cork();
    cork.hold();
    cork.release();
    assertThat(new ByteArrayOutputStream().size()).isZero();
  }
}
