package dev.cpo.agent.gnmi;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import dev.cpo.agent.gnmi.proto.Encoding;
import dev.cpo.agent.gnmi.proto.Notification;
import dev.cpo.agent.gnmi.proto.Path;
import dev.cpo.agent.gnmi.proto.SubscribeResponse;
import dev.cpo.agent.gnmi.proto.TypedValue;
import dev.cpo.agent.gnmi.proto.Update;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects updates and deletes into Notifications and encodes them, as SubscribeResponse messages, once.
 *
 * <p>One Notification per list (gNMI 2.4.1): its prefix is the list that holds the entries
 * ({@code /components}, {@code /interfaces}, or a transceiver's {@code .../physical-channels}), and each
 * update's path is relative to it ({@code channel[index=0]/state/output-power/instant}). So a 1 s
 * SAMPLE of every lane reading is one Notification per transceiver, not one per lane. A Notification
 * grows to about {@value #MAX_NOTIFICATION_BYTES} bytes at most; more of the same list go in the next.
 *
 * <p>The encoding is written here field by field with the numbers of gnmi.proto (Notification: timestamp
 * 1, prefix 2, update 4, delete 5; Update: path 1, val 3; TypedValue: string_val 1, uint_val 3, bool_val
 * 4, double_val 14; SubscribeResponse: update 1, sync_response 3), from path parts encoded once: an
 * update's path is its prefix's list entry ({@link Elems#entryBytes()}, shared by the leaves of one container)
 * followed by its relative run (shared by every leaf of that name), each {@link Elems#bytes()}. Building
 * protobuf objects per update and serialising them again for every stream cost more than all else at 16
 * collectors; a prebuilt path per leaf cost 2 MB of heap for the tree's 20,000 leaves. {@code BatchTest}
 * parses what is written here with the generated classes.
 */
final class Batch {

  /** Where a Notification stops growing: bounded messages for clients' receive limits (4 MB in grpc). */
  static final int MAX_NOTIFICATION_BYTES = 64 * 1024;

  /** The sync_response message (gNMI 3.5.2.3). */
  static final ByteString SYNC = SubscribeResponse.newBuilder().setSyncResponse(true).build().toByteString();

  private final Encoding encoding;
  private final long timestampNanos;
  private final String target;
  private final Map<Elems, Chunk> open = new LinkedHashMap<>();
  private final List<Chunk> chunks = new ArrayList<>();
  private final List<Path> deletes = new ArrayList<>();

  /**
   * @param target the request prefix's target, reflected in every prefix (gNMI 2.2.2.1); empty for none
   */
  Batch(Encoding encoding, long timestampNanos, String target) {
    this.encoding = encoding;
    this.timestampNanos = timestampNanos;
    this.target = target;
  }

  /** A leaf of the tree. */
  void update(Leaf leaf, Object value, String origin) {
    update(leaf.prefix(), leaf.rel(), value, origin);
  }

  /**
   * The leaf {@code prefix + rel} (of the tree, or of a dynamic subtree: alarms, thresholds), under the
   * Notification prefix {@code prefix.list()}, its path {@code prefix.entryBytes() + rel.bytes()}.
   */
  void update(Elems prefix, Elems rel, Object value, String origin) {
    add(prefix.list(), prefix.entryBytes(), rel.bytes(), value, origin);
  }

  /** A deleted list entry, e.g. a cleared alarm's {@code /system/alarms/alarm[id=...]}. */
  void delete(Elems entry) {
    deletes.add(entry.proto());
  }

  boolean isEmpty() {
    return chunks.isEmpty() && deletes.isEmpty();
  }

  private void add(Elems list, ByteString entry, ByteString rel, Object value, String origin) {
    Chunk c = open.get(list);
    if (c == null || c.bytes > MAX_NOTIFICATION_BYTES) {
      c = new Chunk(prefixBytes(list, origin));
      open.put(list, c);
      chunks.add(c);
    }
    c.add(entry, rel, value, valueSize(value));
  }

  /** Each Notification as an encoded SubscribeResponse, in the order their lists were first added. */
  List<ByteString> encode() {
    List<ByteString> out = new ArrayList<>(chunks.size() + 1);
    for (Chunk c : chunks) {
      out.add(c.encode());
    }
    if (!deletes.isEmpty()) {
      Notification.Builder b = Notification.newBuilder().setTimestamp(timestampNanos).addAllDelete(deletes);
      if (!target.isEmpty()) {
        b.setPrefix(Path.newBuilder().setTarget(target));
      }
      out.add(SubscribeResponse.newBuilder().setUpdate(b).build().toByteString());
    }
    return out;
  }

  /** The Notifications as messages (GetResponse carries them so). */
  List<Notification> build() {
    List<Notification> out = new ArrayList<>();
    for (ByteString r : encode()) {
      try {
        out.add(SubscribeResponse.parseFrom(r).getUpdate());
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("a Notification this target encoded does not parse", e);
      }
    }
    return out;
  }

  private ByteString prefixBytes(Elems p, String origin) {
    if (target.isEmpty() && (origin.isEmpty() || origin.equals(PathPattern.OPENCONFIG))) {
      return p.bytes();
    }
    Path.Builder b = p.proto().toBuilder().setTarget(target);
    if (!origin.equals(PathPattern.OPENCONFIG)) {
      b.setOrigin(origin);
    }
    return b.build().toByteString();
  }

  // ---- the encoding

  private int valueSize(Object v) {
    if (v instanceof Double) {
      return CodedOutputStream.computeDoubleSize(TypedValue.DOUBLE_VAL_FIELD_NUMBER, 0);
    } else if (v instanceof Long l) {
      return CodedOutputStream.computeUInt64Size(TypedValue.UINT_VAL_FIELD_NUMBER, l);
    } else if (v instanceof Boolean) {
      return CodedOutputStream.computeBoolSize(TypedValue.BOOL_VAL_FIELD_NUMBER, false);
    } else {
      return CodedOutputStream.computeStringSize(TypedValue.STRING_VAL_FIELD_NUMBER, text(v));
    }
  }

  private void writeValue(CodedOutputStream out, Object v) throws IOException {
    if (v instanceof Double d) {
      out.writeDouble(TypedValue.DOUBLE_VAL_FIELD_NUMBER, d);
    } else if (v instanceof Long l) {
      out.writeUInt64(TypedValue.UINT_VAL_FIELD_NUMBER, l);
    } else if (v instanceof Boolean z) {
      out.writeBool(TypedValue.BOOL_VAL_FIELD_NUMBER, z);
    } else {
      out.writeString(TypedValue.STRING_VAL_FIELD_NUMBER, text(v));
    }
  }

  /** A string_val: identityrefs qualified by module in JSON_IETF only (see {@link Values#typed}). */
  private String text(Object v) {
    if (v instanceof Values.Ident i) {
      return encoding == Encoding.JSON_IETF ? i.toString() : i.name();
    }
    if (v instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("no gNMI form for " + v);
  }

  private static int updateSize(int pathSize, int valueSize) {
    return CodedOutputStream.computeTagSize(Update.PATH_FIELD_NUMBER) + CodedOutputStream.computeUInt32SizeNoTag(pathSize)
        + pathSize
        + CodedOutputStream.computeTagSize(Update.VAL_FIELD_NUMBER) + CodedOutputStream.computeUInt32SizeNoTag(valueSize)
        + valueSize;
  }

  /** One Notification's updates, all under one prefix. */
  private final class Chunk {
    final ByteString prefix;
    // Each update's path in two parts: its list entry's and its relative run's encoding.
    final List<ByteString> entries = new ArrayList<>();
    final List<ByteString> rels = new ArrayList<>();
    final List<Object> values = new ArrayList<>();
    int[] valueSizes = new int[8];
    int bytes;

    Chunk(ByteString prefix) {
      this.prefix = prefix;
      this.bytes = (timestampNanos == 0 ? 0
          : CodedOutputStream.computeInt64Size(Notification.TIMESTAMP_FIELD_NUMBER, timestampNanos))
          + CodedOutputStream.computeBytesSize(Notification.PREFIX_FIELD_NUMBER, prefix);
    }

    void add(ByteString entry, ByteString rel, Object value, int valueSize) {
      if (values.size() == valueSizes.length) {
        valueSizes = java.util.Arrays.copyOf(valueSizes, valueSizes.length * 2);
      }
      valueSizes[values.size()] = valueSize;
      entries.add(entry);
      rels.add(rel);
      values.add(value);
      int u = updateSize(entry.size() + rel.size(), valueSize);
      bytes += CodedOutputStream.computeTagSize(Notification.UPDATE_FIELD_NUMBER) + CodedOutputStream.computeUInt32SizeNoTag(u)
          + u;
    }

    ByteString encode() {
      int total = CodedOutputStream.computeTagSize(SubscribeResponse.UPDATE_FIELD_NUMBER)
          + CodedOutputStream.computeUInt32SizeNoTag(bytes) + bytes;
      byte[] buf = new byte[total];
      CodedOutputStream out = CodedOutputStream.newInstance(buf);
      try {
        out.writeTag(SubscribeResponse.UPDATE_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(bytes);
        if (timestampNanos != 0) {
          out.writeInt64(Notification.TIMESTAMP_FIELD_NUMBER, timestampNanos);
        }
        out.writeBytes(Notification.PREFIX_FIELD_NUMBER, prefix);
        for (int i = 0; i < values.size(); i++) {
          ByteString entry = entries.get(i);
          ByteString rel = rels.get(i);
          int pathSize = entry.size() + rel.size();
          int vs = valueSizes[i];
          out.writeTag(Notification.UPDATE_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
          out.writeUInt32NoTag(updateSize(pathSize, vs));
          out.writeTag(Update.PATH_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
          out.writeUInt32NoTag(pathSize);
          out.writeRawBytes(entry);
          out.writeRawBytes(rel);
          out.writeTag(Update.VAL_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
          out.writeUInt32NoTag(vs);
          writeValue(out, values.get(i));
        }
        out.checkNoSpaceLeft();
      } catch (IOException e) {
        throw new UncheckedIOException("encoding a Notification into its own sized buffer", e);
      }
      return UnsafeByteOperations.unsafeWrap(buf);
    }
  }
}
