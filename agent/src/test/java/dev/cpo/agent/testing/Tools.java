package dev.cpo.agent.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * External programs the integration tests talk to (net-snmp, snmptrapd, smilint, mosquitto). A test
 * that needs one calls {@link #require(String)}: it skips when the program is missing, unless
 * {@code CPO_REQUIRE_TOOLS=1}, when it fails instead (CI installs them and sets that).
 */
public final class Tools {

  private static final String[] DIRS = {"/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin", "/bin", "/sbin"};

  private Tools() {}

  /** The program's path, or skip/fail the test as described above. */
  public static Path require(String program) {
    Path p = find(program);
    if (p == null) {
      String msg = program + " is not installed (apt-get install snmp snmpd snmptrapd smitools mosquitto mosquitto-clients)";
      if ("1".equals(System.getenv("CPO_REQUIRE_TOOLS"))) {
        fail(msg + " and CPO_REQUIRE_TOOLS=1");
      }
      Assumptions.abort(msg);
    }
    return p;
  }

  /** The program's path, or null. */
  public static Path find(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : (path + ":" + String.join(":", DIRS)).split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, program);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** The repository root (surefire and failsafe set CPO_REPO_ROOT). */
  public static Path repoRoot() {
    String root = System.getenv("CPO_REPO_ROOT");
    return root != null ? Path.of(root).toAbsolutePath().normalize() : Path.of("..").toAbsolutePath().normalize();
  }

  /** The standard IETF MIB modules shipped beside the repository for tests (../shared/mibs/ietf). */
  public static Path ietfMibs() {
    Path p = repoRoot().resolveSibling("shared").resolve("mibs").resolve("ietf");
    // A worktree sits one level deeper (/work/wt/<branch>) than the main checkout: look further up.
    for (Path dir = repoRoot().getParent(); !Files.isDirectory(p) && dir != null && dir.getParent() != null;
        dir = dir.getParent()) {
      p = dir.resolveSibling("shared").resolve("mibs").resolve("ietf");
    }
    if (!Files.isDirectory(p)) {
      fail("IETF MIBs not found at " + p + " (expected ../shared/mibs/ietf beside the repository)");
    }
    return p;
  }
}
