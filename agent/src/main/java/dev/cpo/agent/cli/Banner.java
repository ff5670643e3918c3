package dev.cpo.agent.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The few lines {@code run} prints once started: where each service is, with the actual ports, and a
 * command to try it. Each component adds its line when it is composed into {@code run}.
 */
final class Banner {

  private final List<String[]> lines = new ArrayList<>();
  private final String headline;

  Banner(String headline) {
    this.headline = headline;
  }

  Banner control(String url) {
    return add("control API", url, "curl -s " + url + "/api/v1/inventory");
  }

  /**
   * Numeric OIDs and {@code -m ''} (load no MIB modules), because Debian's net-snmp ships without the
   * standard MIBs: a name like IF-MIB::ifName would be an "Unknown Object Identifier" there.
   */
  Banner snmp(String host, int port, String community) {
    // net-snmp names an IPv6 agent udp6:[addr]:port; one on all addresses (0.0.0.0, ::) answers on loopback.
    String agent = unspecified(host) ? "127.0.0.1:" + port
        : host.contains(":") ? "udp6:" + bracketed(host) + ":" + port : host + ":" + port;
    return add("SNMP", "udp " + bracketed(host) + ":" + port,
        "snmpwalk -v2c -c " + community + " -m '' " + agent + " " + IF_NAME + "   # IF-MIB::ifName");
  }

  /** An IPv6 address in brackets, as it is written before a port. */
  static String bracketed(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static boolean unspecified(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.equals("0:0:0:0:0:0:0:0");
  }

  /** IF-MIB::ifName (RFC 2863). */
  static final String IF_NAME = "1.3.6.1.2.1.31.1.1.1.1";

  /** @param port the embedded broker's port, or -1 when {@code host} is an external broker's URL */
  Banner mqtt(String host, int port, String switchId) {
    String topics = "'cpo/v1/" + switchId + "/#'";
    if (port < 0) {
      return add("MQTT", "publishing to " + host, "mosquitto_sub -V mqttv5 -v -t " + topics + " (on that broker)");
    }
    return add("MQTT", "tcp " + host + ":" + port,
        "mosquitto_sub -h " + host + " -p " + port + " -V mqttv5 -v -t " + topics);
  }

  Banner gnmi(String host, int port, boolean tls) {
    String target = bracketed(host) + ":" + port;
    return add("gNMI", (tls ? "grpc+tls " : "grpc ") + target, "gnmic -a " + target + (tls ? " --skip-verify -u noc -p <password>"
        : " --insecure") + " -e json_ietf get --path '/components/component[name=els3/laser5]/state'");
  }

  Banner traps(String host, int port) {
    // -C skips the config files (so also Debian's "mibs :"), and -m '' keeps snmptrapd from looking for
    // its default MIB list, which Debian does not ship: without it, 500 lines of MIB errors come first.
    return add("traps", "to udp " + host + ":" + port,
        "snmptrapd -f -Lo -C -m '' -c /dev/null --disableAuthorization=yes " + host + ":" + port);
  }

  Banner add(String service, String where, String tryIt) {
    lines.add(new String[] {service, where, tryIt});
    return this;
  }

  void print(PrintWriter out) {
    out.println(headline);
    for (String[] l : lines) {
      out.printf("  %-12s %-28s try: %s%n", l[0], l[1], l[2]);
    }
    out.println("Stop with Ctrl-C.");
    out.flush();
  }
}
