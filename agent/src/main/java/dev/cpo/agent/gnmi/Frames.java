package dev.cpo.agent.gnmi;

import com.google.protobuf.ByteOutput;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.cpo.agent.gnmi.proto.SubscribeRequest;
import dev.cpo.agent.gnmi.proto.gNMIGrpc;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Subscribe answered with SubscribeResponse messages already encoded ({@link Batch#encode()}): the
 * same method on the wire ({@code /gnmi.gNMI/Subscribe}, the same request marshaller), with a response
 * marshaller that hands the bytes to gRPC as they are. A sample shared by many streams is encoded once,
 * not once per stream.
 */
final class Frames {

  private Frames() {}

  /** gNMI Subscribe, whose responses are encoded SubscribeResponse messages. */
  static final MethodDescriptor<SubscribeRequest, ByteString> SUBSCRIBE = gNMIGrpc.getSubscribeMethod()
      .toBuilder(ProtoUtils.marshaller(SubscribeRequest.getDefaultInstance()), new Marshaller()).build();

  private static final class Marshaller implements MethodDescriptor.Marshaller<ByteString> {
    @Override
    public InputStream stream(ByteString value) {
      return new Stream(value);
    }

    @Override
    public ByteString parse(InputStream in) {
      try {
        return ByteString.readFrom(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The bytes, of known length and drained in one write (gRPC's framer uses both). */
  private static final class Stream extends InputStream implements KnownLength, Drainable {
    private final ByteString bytes;
    private int position;

    Stream(ByteString bytes) {
      this.bytes = bytes;
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      int n = bytes.size() - position;
      // Not ByteString.writeTo(OutputStream): for a flat ByteString that writes a fresh copy of the
      // whole array (toByteArray), once per stream per message, which at 16 collectors was half of
      // what the agent allocated. The shared bytes go to gRPC's framer as they are; it copies them
      // into its transport buffer and never writes to what it is given.
      UnsafeByteOperations.unsafeWriteTo(bytes.substring(position), new ByteOutput() {
        @Override
        public void write(byte value) throws IOException {
          target.write(value);
        }

        @Override
        public void write(byte[] value, int offset, int length) throws IOException {
          target.write(value, offset, length);
        }

        @Override
        public void writeLazy(byte[] value, int offset, int length) throws IOException {
          target.write(value, offset, length);
        }

        @Override
        public void write(ByteBuffer value) throws IOException {
          byte[] b = new byte[value.remaining()];
          value.get(b);
          target.write(b);
        }

        @Override
        public void writeLazy(ByteBuffer value) throws IOException {
          write(value);
        }
      });
      position = bytes.size();
      return n;
    }

    @Override
    public int available() {
      return bytes.size() - position;
    }

    @Override
    public int read() {
      return position < bytes.size() ? bytes.byteAt(position++) & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int n = Math.min(len, bytes.size() - position);
      if (n <= 0) {
        return len == 0 ? 0 : -1;
      }
      bytes.copyTo(b, position, off, n);
      position += n;
      return n;
    }
  }
}
