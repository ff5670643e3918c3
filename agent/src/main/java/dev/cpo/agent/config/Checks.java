package dev.cpo.agent.config;

/** Validation helpers for config records: each throws {@link IllegalArgumentException} naming the field. */
public final class Checks {

  private Checks() {}

  public static int port(String field, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(field + " must be a port 0..65535 (0 picks a free one), was " + port);
    }
    return port;
  }

  public static long positive(String field, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be > 0, was " + value);
    }
    return value;
  }

  public static double range(String field, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "], was " + value);
    }
    return value;
  }

  /**
   * A listening address: an IPv4 address ({@code 127.0.0.1}, {@code 0.0.0.0} for all), an IPv6 address
   * ({@code ::1}, {@code ::} for all, IPv4 included on a dual-stack host), or {@code localhost}. No name
   * is looked up: an address that is not written as one is refused here, not at start.
   */
  public static String bindAddress(String field, String value) {
    notBlank(field, value);
    String a = value.strip();
    if (a.startsWith("[") && a.endsWith("]")) {
      a = a.substring(1, a.length() - 1);
    }
    if (a.equalsIgnoreCase("localhost")) {
      return value;
    }
    if (a.matches("[0-9.]+")) {
      String[] parts = a.split("\\.", -1);
      boolean ok = parts.length == 4;
      for (String p : parts) {
        ok &= p.matches("[0-9]{1,3}") && Integer.parseInt(p) <= 255;
      }
      if (!ok) {
        throw new IllegalArgumentException(field + " must be an IP address, was '" + value
            + "': an IPv4 address is four numbers 0 to 255 separated by dots, e.g. 127.0.0.1 or 0.0.0.0");
      }
      return value;
    }
    if (a.contains(":") && a.matches("[0-9a-fA-F:.]+") && ipv6(a)) {
      return value;
    }
    throw new IllegalArgumentException(field + " must be an IP address such as 127.0.0.1, 0.0.0.0, ::1 or :: "
        + "(or localhost), was '" + value + "'; names are not looked up");
  }

  /**
   * A network in CIDR form, {@code 10.0.0.0/8} or {@code fd00::/8}: an IP address (no name lookup), a
   * slash and a prefix length that fits the address (0..32 for IPv4, 0..128 for IPv6).
   *
   * @param field the key, e.g. {@code communitySources}
   */
  public static String cidr(String field, String value) {
    String v = value == null ? "" : value.strip();
    int slash = v.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException(field + " entry '" + value
          + "' is not a network in CIDR form such as 10.0.0.0/8 or ::1/128");
    }
    String host = v.substring(0, slash);
    String prefix = v.substring(slash + 1);
    java.net.InetAddress address;
    try {
      if (!host.matches("[0-9a-fA-F:.]+") || !host.contains(":") && !host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
        throw new java.net.UnknownHostException(host);
      }
      address = java.net.InetAddress.getByName(host);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(field + " entry '" + value + "' does not start with an IP address");
    }
    int bits = address.getAddress().length * 8;
    if (!prefix.matches("[0-9]{1,3}")) {
      throw new IllegalArgumentException(field + " entry '" + value + "' must end in a prefix length 0.." + bits
          + " after '/', was '" + prefix + "'");
    }
    if (Integer.parseInt(prefix) > bits) {
      throw new IllegalArgumentException(field + " entry '" + value + "' has a prefix length outside 0.." + bits);
    }
    return value;
  }

  private static boolean ipv6(String literal) {
    try {
      // A literal of hex digits, colons and dots: InetAddress parses it without any lookup.
      java.net.InetAddress.getByName(literal);
      return true;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  public static String notBlank(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    return value;
  }
}
