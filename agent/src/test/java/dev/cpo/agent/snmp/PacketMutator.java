package dev.cpo.agent.snmp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Mutates valid SNMP messages as a protocol fuzzer does, knowing where their BER tags and lengths are:
 * bit flips, byte noise, truncations, length fields that lie (short, long, or a huge long form), wrong
 * tags, a changed version number or community, trailing garbage, and packets of pure noise.
 */
final class PacketMutator {

  /** The kinds of mutation, for the figures a fuzz run prints. */
  enum Kind { BIT_FLIP, BYTE_NOISE, TRUNCATION, LENGTH_LIE, HUGE_LENGTH, WRONG_TAG, VERSION, COMMUNITY, TRAILER, NOISE }

  private final Random random;
  private final long[] counts = new long[Kind.values().length];

  PacketMutator(Random random) {
    this.random = random;
  }

  /** One mutation of {@code seed} (never {@code seed} itself unchanged, save by chance). */
  byte[] mutate(byte[] seed) {
    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
    counts[kind.ordinal()]++;
    Layout layout = Layout.of(seed);
    byte[] p = seed.clone();
    switch (kind) {
      case BIT_FLIP:
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
          p[random.nextInt(p.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return p;
      case BYTE_NOISE:
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
          p[random.nextInt(p.length)] = (byte) random.nextInt(256);
        }
        return p;
      case TRUNCATION:
        return Arrays.copyOf(seed, random.nextInt(seed.length));
      case LENGTH_LIE: {
        // A short-form length off by a little (the parser reads into its neighbour) or by a lot.
        int at = layout.lengths.get(random.nextInt(layout.lengths.size()));
        p[at] = (byte) (random.nextBoolean() ? p[at] + random.nextInt(9) - 4 : random.nextInt(128));
        return p;
      }
      case HUGE_LENGTH: {
        // A long-form length of up to 4 GiB where a short one was: where parsers allocate or overflow.
        int at = layout.lengths.get(random.nextInt(layout.lengths.size()));
        int octets = 1 + random.nextInt(4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(seed, 0, at);
        out.write(0x80 | octets);
        for (int i = 0; i < octets; i++) {
          out.write(i == 0 ? 0x80 | random.nextInt(128) : random.nextInt(256));
        }
        out.write(seed, at + 1, seed.length - at - 1);
        return out.toByteArray();
      }
      case WRONG_TAG: {
        int at = layout.tags.get(random.nextInt(layout.tags.size()));
        p[at] = (byte) random.nextInt(256);
        return p;
      }
      case VERSION: {
        // msgVersion is the first INTEGER: 0 (v1), 1 (v2c), 3 (v3); others must be counted as bad versions.
        int at = layout.tags.get(1) + 2;
        p[at] = (byte) (4 + random.nextInt(120));
        return p;
      }
      case COMMUNITY: {
        // The second element: the community of v1/v2c (in v3 it is msgGlobalData, a sequence).
        int at = layout.tags.get(2) + 2 + random.nextInt(Math.max(1, p[layout.tags.get(2) + 1] & 0x7f));
        p[Math.min(at, p.length - 1)] ^= (byte) (1 + random.nextInt(255));
        return p;
      }
      case TRAILER: {
        byte[] tail = new byte[1 + random.nextInt(64)];
        random.nextBytes(tail);
        byte[] q = Arrays.copyOf(seed, seed.length + tail.length);
        System.arraycopy(tail, 0, q, seed.length, tail.length);
        return q;
      }
      default: {
        byte[] noise = new byte[1 + random.nextInt(1400)];
        random.nextBytes(noise);
        if (random.nextBoolean()) {
          noise[0] = 0x30; // looks like a message to the first check, and fails further in
        }
        return noise;
      }
    }
  }

  /** How many mutations of each kind were made. */
  String counts() {
    StringBuilder s = new StringBuilder();
    for (Kind k : Kind.values()) {
      s.append(s.length() == 0 ? "" : ", ").append(k.name().toLowerCase(java.util.Locale.ROOT)).append(' ')
          .append(counts[k.ordinal()]);
    }
    return s.toString();
  }

  /** Offsets of every BER tag and short-form length in a message, found by walking its TLVs. */
  private static final class Layout {
    final List<Integer> tags = new ArrayList<>();
    final List<Integer> lengths = new ArrayList<>();

    static Layout of(byte[] m) {
      Layout l = new Layout();
      l.walk(m, 0, m.length);
      return l;
    }

    private void walk(byte[] m, int from, int to) {
      int at = from;
      while (at + 1 < to) {
        int tag = m[at] & 0xff;
        long len = m[at + 1] & 0xff;
        int header = 2;
        if (len > 0x80) {
          int octets = (int) len & 0x7f;
          len = 0;
          // A mutated seed can claim more length octets than a long holds; any such length runs past the end.
          for (int i = 0; i < octets && at + 2 + i < to && len <= to; i++) {
            len = (len << 8) | (m[at + 2 + i] & 0xff);
          }
          header += octets;
        } else {
          lengths.add(at + 1);
        }
        tags.add(at);
        int end = (int) Math.min(to, at + header + len);
        // Constructed types (SEQUENCE, PDUs) and v3's msgSecurityParameters (an OCTET STRING holding a SEQUENCE).
        if ((tag & 0x20) != 0 || (tag == 0x04 && at + header < end && m[at + header] == 0x30)) {
          walk(m, at + header, end);
        }
        at = end;
      }
    }
  }
}
