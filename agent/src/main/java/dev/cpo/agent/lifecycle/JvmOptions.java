package dev.cpo.agent.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options the product is sized for, bundled from {@code config/jvm.options}: what
 * {@code java -jar cpo-agent.jar} relaunches itself with, and what the benchmark gives a child JVM
 * started from classes (where no relaunch happens) so both measure the same process.
 */
public final class JvmOptions {

  /** Classpath location of the bundled file. */
  public static final String RESOURCE = "/cpo/jvm.options";

  private JvmOptions() {}

  /**
   * The bundled options this JVM knows, or none when the resource is missing. An {@code -XX:} option
   * this JVM has no such flag for (one an earlier update of the JDK lacks, such as
   * {@code TrimNativeHeapInterval}) is left out with a line on stderr, so the agent still
   * starts on an older JDK instead of the JVM refusing the whole command line.
   */
  public static List<String> bundled() {
    List<String> all;
    try (InputStream in = JvmOptions.class.getResourceAsStream(RESOURCE)) {
      all = in == null ? List.of() : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return List.of();
    }
    List<String> known = new ArrayList<>(all.size());
    com.sun.management.HotSpotDiagnosticMXBean jvm = thisJvm();
    for (String o : all) {
      if (knownTo(jvm, o)) {
        known.add(o);
      } else {
        // The CLI's first JVM, before logging exists (JvmRelaunch), or the bench's parent.
        System.err.println(new StringBuilder("cpo-agent: this JVM (").append(System.getProperty("java.vm.version"))
            .append(") has no option ").append(o).append("; starting without it"));
      }
    }
    return known;
  }

  static com.sun.management.HotSpotDiagnosticMXBean thisJvm() {
    return java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
  }

  /** Whether {@code jvm} has the flag an {@code -XX:} option sets; other options are taken as known. */
  static boolean knownTo(com.sun.management.HotSpotDiagnosticMXBean jvm, String option) {
    String flag = flagName(option);
    if (flag == null) {
      return true;
    }
    try {
      jvm.getVMOption(flag);
      return true;
    } catch (IllegalArgumentException noSuchFlag) {
      return false;
    }
  }

  /** {@code TieredStopAtLevel} of {@code -XX:TieredStopAtLevel=1}, {@code UseSerialGC} of {@code -XX:+UseSerialGC}. */
  static String flagName(String option) {
    if (!option.startsWith("-XX:")) {
      return null;
    }
    int from = 4;
    if (option.length() > from && (option.charAt(from) == '+' || option.charAt(from) == '-')) {
      from++;
    }
    int eq = option.indexOf('=', from);
    return option.substring(from, eq < 0 ? option.length() : eq);
  }

  /** One option per line; blank lines and {@code #} comments skipped. */
  public static List<String> parse(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        out.add(t);
      }
    }
    return out;
  }
}
