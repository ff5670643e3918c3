package dev.cpo.agent.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** External programs the benchmark uses when they are installed (net-snmp's snmpd and snmpbulkwalk). */
final class Programs {

  // Debian puts snmpd in /usr/sbin, which is not on every user's PATH.
  private static final String[] DIRS = {"/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin", "/bin", "/sbin"};

  private Programs() {}

  /** The executable named {@code program} on the PATH or in the usual directories. */
  static Optional<Path> find(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : (path + ":" + String.join(":", DIRS)).split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return Optional.of(Path.of(dir, program));
      }
    }
    return Optional.empty();
  }
}
