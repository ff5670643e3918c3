package dev.cpo.agent.gnmi;

import com.google.protobuf.ByteString;
import dev.cpo.agent.gnmi.proto.Encoding;
import dev.cpo.agent.gnmi.proto.TypedValue;
import java.nio.charset.StandardCharsets;

/**
 * Leaf values as the leaves produce them ({@link Double} for decimal64, {@link Long} for unsigned
 * integers and counters, {@link Boolean}, {@link String} for strings and enumerations, {@link Ident}
 * for identityrefs) and their gNMI form: scalar leaves travel in the scalar TypedValue fields (gNMI
 * 2.2.3; decimal64 in double_val per decimal64-deprecation.md), whatever JSON encoding was asked for.
 * The encoding shows only in identityrefs: JSON_IETF qualifies them with their module (RFC 7951 6.8),
 * JSON gives the bare identity as OpenConfig's JSON does.
 */
final class Values {

  private Values() {}

  /** An identityref value: {@code openconfig-platform-types:ACTIVE}. */
  record Ident(String module, String name) {
    @Override
    public String toString() {
      return module + ":" + name;
    }
  }

  static TypedValue typed(Object v, Encoding encoding) {
    TypedValue.Builder b = TypedValue.newBuilder();
    if (v instanceof Double d) {
      b.setDoubleVal(d);
    } else if (v instanceof Long l) {
      b.setUintVal(l);
    } else if (v instanceof Boolean z) {
      b.setBoolVal(z);
    } else if (v instanceof Ident i) {
      b.setStringVal(encoding == Encoding.JSON_IETF ? i.toString() : i.name());
    } else if (v instanceof String s) {
      b.setStringVal(s);
    } else {
      throw new IllegalArgumentException("no gNMI form for " + v);
    }
    return b.build();
  }

  /** Rounds to the fraction digits of the leaf's decimal64 type. */
  static Double round(double value, int fractionDigits) {
    double scale = Math.pow(10, fractionDigits);
    return Math.round(value * scale) / scale;
  }

  /**
   * A number from a TypedValue the client sent: any numeric member, or a string or JSON text holding
   * a number.
   *
   * @throws IllegalArgumentException naming what was sent when it is not a number
   */
  static double number(TypedValue v) {
    switch (v.getValueCase()) {
      case DOUBLE_VAL:
        return v.getDoubleVal();
      case FLOAT_VAL:
        return deprecatedFloat(v);
      case INT_VAL:
        return v.getIntVal();
      case UINT_VAL:
        return v.getUintVal();
      case DECIMAL_VAL:
        return deprecatedDecimal(v);
      case STRING_VAL:
        return parse(v.getStringVal());
      case ASCII_VAL:
        return parse(v.getAsciiVal());
      case JSON_VAL:
        return parse(json(v.getJsonVal()));
      case JSON_IETF_VAL:
        return parse(json(v.getJsonIetfVal()));
      default:
        throw new IllegalArgumentException("a threshold level is a number, got a " + v.getValueCase().name().toLowerCase()
            .replace("_val", "") + " value");
    }
  }

  @SuppressWarnings("deprecation")
  private static double deprecatedFloat(TypedValue v) {
    return v.getFloatVal();
  }

  @SuppressWarnings("deprecation")
  private static double deprecatedDecimal(TypedValue v) {
    return v.getDecimalVal().getDigits() / Math.pow(10, v.getDecimalVal().getPrecision());
  }

  private static String json(ByteString bytes) {
    String s = bytes.toString(StandardCharsets.UTF_8).trim();
    // RFC 7951 encodes decimal64 as a JSON string: accept "-7.5" as well as -7.5.
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      s = s.substring(1, s.length() - 1);
    }
    return s;
  }

  private static double parse(String s) {
    try {
      double d = Double.parseDouble(s.trim());
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a threshold level is a finite number, got '" + s + "'");
    }
  }
}
