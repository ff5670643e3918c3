package dev.cpo.agent.gnmi;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What gRPC's framer reads from a Subscribe response: the encoded bytes, whole, of known length, and
 * drained from the shared array itself (one sample's bytes go to every stream subscribed alike).
 */
class FramesTest {

  /** Records what the framer would be handed. */
  private static final class Recording extends ByteArrayOutputStream {
    final List<byte[]> arrays = new ArrayList<>();

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      arrays.add(b);
      super.write(b, off, len);
    }
  }

  @Test
  void aResponseIsDrainedFromItsOwnArrayWithoutACopy() throws Exception {
    byte[] encoded = Batch.SYNC.concat(ByteString.copyFromUtf8("and more bytes")).toByteArray();
    InputStream in = Frames.SUBSCRIBE.streamResponse(UnsafeByteOperations.unsafeWrap(encoded));
    assertThat(((KnownLength) in).available()).isEqualTo(encoded.length);

    Recording out = new Recording();
    int n = ((Drainable) in).drainTo(out);

    assertThat(n).isEqualTo(encoded.length);
    assertThat(out.toByteArray()).isEqualTo(encoded);
    assertThat(out.arrays).as("arrays handed to the framer").allSatisfy(a -> assertThat(a).isSameAs(encoded));
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void whatIsLeftAfterAReadIsDrainedAndNothingTwice() throws Exception {
    byte[] encoded = ByteString.copyFromUtf8("0123456789").toByteArray();
    InputStream in = Frames.SUBSCRIBE.streamResponse(UnsafeByteOperations.unsafeWrap(encoded));
    byte[] head = new byte[3];
    assertThat(in.read(head, 0, 3)).isEqualTo(3);

    Recording out = new Recording();
    assertThat(((Drainable) in).drainTo(out)).isEqualTo(7);
    assertThat(new String(head, "US-ASCII") + out.toString("US-ASCII")).isEqualTo("0123456789");
    assertThat(((Drainable) in).drainTo(new Recording())).isZero();
  }
}
