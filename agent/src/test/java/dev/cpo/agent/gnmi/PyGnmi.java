package dev.cpo.agent.gnmi;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.agent.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The independent gNMI client of the ITs: Debian's Python grpcio under /usr/bin/python3, with stubs
 * that grpc_tools.protoc generates at test time, into target/, from our own gnmi.proto, and the script
 * src/test/resources/gnmi/gnmi_client.py, which prints what it received as JSON lines.
 */
final class PyGnmi {

  static final String PYTHON = "/usr/bin/python3";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path stubs;
  private final Path script;
  private final String target;
  private final List<String> auth = new ArrayList<>();

  private PyGnmi(Path stubs, Path script, String target) {
    this.stubs = stubs;
    this.script = script;
    this.target = target;
  }

  /**
   * Generates the stubs (once per JVM) and returns a client for {@code host:port}; skips the test when
   * Python grpcio or grpc_tools is missing, unless CPO_REQUIRE_TOOLS=1, when it fails instead.
   */
  static synchronized PyGnmi forTarget(String target) throws IOException, InterruptedException {
    Path root = Tools.repoRoot();
    Path stubs = root.resolve("agent/target/gnmi-py");
    Path script = root.resolve("agent/src/test/resources/gnmi/gnmi_client.py");
    if (!Files.isExecutable(Path.of(PYTHON)) || run(List.of(PYTHON, "-c", "import grpc, grpc_tools"), 60) != 0) {
      String msg = PYTHON + " with grpcio and grpc_tools is not installed (apt-get install python3-grpcio python3-grpc-tools)";
      if ("1".equals(System.getenv("CPO_REQUIRE_TOOLS"))) {
        fail(msg + " and CPO_REQUIRE_TOOLS=1");
      }
      Assumptions.abort(msg);
    }
    if (!Files.exists(stubs.resolve("gnmi_pb2_grpc.py"))) {
      Files.createDirectories(stubs);
      int rc = run(List.of(PYTHON, "-m", "grpc_tools.protoc", "-I" + root.resolve("agent/src/main/proto"),
          "--python_out=" + stubs, "--grpc_python_out=" + stubs, "gnmi.proto"), 120);
      if (rc != 0) {
        fail("grpc_tools.protoc could not compile agent/src/main/proto/gnmi.proto (exit " + rc + ")");
      }
    }
    return new PyGnmi(stubs, script, target);
  }

  /** The same client sending the {@code username}/{@code password} call metadata (and trusting a CA for TLS). */
  PyGnmi as(String user, String password) {
    PyGnmi p = new PyGnmi(stubs, script, target);
    p.auth.addAll(auth);
    p.auth.addAll(List.of("--user", user, "--password", password));
    return p;
  }

  PyGnmi trusting(Path caCert) {
    PyGnmi p = new PyGnmi(stubs, script, target);
    p.auth.addAll(auth);
    p.auth.addAll(List.of("--ca", caCert.toString()));
    return p;
  }

  /** Runs one command to its end and returns the lines it printed. */
  List<JsonNode> call(String... args) throws IOException, InterruptedException {
    return start(args).await(120);
  }

  /** Starts one command (a subscription) and returns at once. */
  Running start(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString(), "--stubs", stubs.toString(), "--target", target));
    cmd.addAll(auth);
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("gnmi-client", ".jsonl");
    Path err = Files.createTempFile("gnmi-client", ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    return new Running(p, out, err);
  }

  /** A client process and what it printed so far. */
  static final class Running {
    private final Process process;
    private final Path out;
    private final Path err;

    Running(Process process, Path out, Path err) {
      this.process = process;
      this.out = out;
      this.err = err;
    }

    /** The lines printed so far (the last, maybe partial, line left out). */
    List<JsonNode> lines() throws IOException {
      List<JsonNode> nodes = new ArrayList<>();
      String text = Files.readString(out, StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n');
      if (end < 0) {
        return nodes;
      }
      for (String line : text.substring(0, end).split("\n")) {
        if (!line.isBlank()) {
          nodes.add(JSON.readTree(line));
        }
      }
      return nodes;
    }

    List<JsonNode> await(int seconds) throws IOException, InterruptedException {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("the gNMI client did not finish in " + seconds + " s; stderr: " + Files.readString(err));
      }
      if (process.exitValue() != 0) {
        fail("the gNMI client exited " + process.exitValue() + ": " + Files.readString(err));
      }
      return lines();
    }

    void kill() {
      process.destroyForcibly();
    }
  }

  private static int run(List<String> cmd, int seconds) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
