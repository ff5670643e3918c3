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

  /** The bundled options, or none when the resource is missing. */
  public static List<String> bundled() {
    try (InputStream in = JvmOptions.class.getResourceAsStream(RESOURCE)) {
      return in == null ? List.of() : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return List.of();
    }
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
