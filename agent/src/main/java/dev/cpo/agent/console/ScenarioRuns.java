package dev.cpo.agent.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpo.agent.scenario.Durations;
import dev.cpo.agent.scenario.Scenario;
import dev.cpo.agent.scenario.ScenarioException;
import dev.cpo.agent.scenario.ScenarioParser;
import dev.cpo.agent.scenario.ScenarioRunner;
import dev.cpo.agent.scenario.ScenarioTarget;
import dev.cpo.agent.scenario.Step;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenario runs started from the console against the live agent: the scenario files on offer (the
 * {@code scenarios} folder given, else the examples bundled in the jar), and one run at a time on its own
 * thread, each step's outcome kept as it happens so the page can poll the timeline. The last
 * {@link #KEPT} runs are kept.
 */
public final class ScenarioRuns implements AutoCloseable {

  static final int KEPT = 10;
  private static final Logger LOG = LoggerFactory.getLogger(ScenarioRuns.class);
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.ya?ml");
  private static final String BUNDLED = "cpo/scenarios/";

  /** Refused: the message says what is wrong; nothing was started. */
  public static final class Refused extends Exception {
    private final boolean conflict;
    private final boolean notFound;

    Refused(String message, boolean conflict, boolean notFound) {
      super(message);
      this.conflict = conflict;
      this.notFound = notFound;
    }

    /** Another run is under way. */
    public boolean conflict() {
      return conflict;
    }

    /** No such file or run. */
    public boolean notFound() {
      return notFound;
    }
  }

  private final Path folder;
  private final Supplier<ScenarioTarget> targets;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "console-scenario");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<String, Run> runs = new LinkedHashMap<>();

  /**
   * @param folder where scenario files are listed from; when it is no folder, the bundled examples are
   * @param targets a new target on the live agent for each run (closed after it)
   */
  public ScenarioRuns(Path folder, Supplier<ScenarioTarget> targets) {
    this.folder = Objects.requireNonNull(folder, "folder");
    this.targets = Objects.requireNonNull(targets, "targets");
  }

  /** Where the files come from, for the page: the folder, or {@code bundled}. */
  public String source() {
    return Files.isDirectory(folder) ? folder.toString() : "bundled examples";
  }

  /** The scenario files on offer, sorted. */
  public List<String> files() {
    try {
      if (Files.isDirectory(folder)) {
        return list(folder);
      }
      return bundled();
    } catch (IOException e) {
      LOG.warn("cannot list scenarios in {}: {}", source(), e.toString());
      return List.of();
    }
  }

  /** The text of one file on offer. */
  public String read(String name) throws Refused {
    if (!FILE_NAME.matcher(name).matches()) {
      throw new Refused("a scenario is named like 'laser-failure.yaml' (letters, digits, '.', '-', '_'), was '"
          + name + "'", false, false);
    }
    try {
      if (Files.isDirectory(folder)) {
        Path p = folder.resolve(name);
        if (Files.isRegularFile(p)) {
          return Files.readString(p, StandardCharsets.UTF_8);
        }
      } else {
        try (var in = ScenarioRuns.class.getClassLoader().getResourceAsStream(BUNDLED + name)) {
          if (in != null) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
        }
      }
    } catch (IOException e) {
      throw new Refused("cannot read scenario " + name + ": " + e.getMessage(), false, false);
    }
    throw new Refused("no scenario '" + name + "' in " + source() + "; there are " + files(), false, true);
  }

  /**
   * Starts a run of a file on offer ({@code file}) or of pasted YAML ({@code yaml}); exactly one is given.
   *
   * @throws ScenarioException when the scenario is invalid (the message names the step and key)
   * @throws Refused when neither or both are given, the file is unknown, or a run is under way
   */
  public synchronized Run start(String file, String yaml) throws ScenarioException, Refused {
    if ((file == null) == (yaml == null)) {
      throw new Refused("give either 'file' (one of " + files() + ") or 'yaml' (the scenario's text)", false, false);
    }
    String source = file != null ? file : "pasted YAML";
    String text = file != null ? read(file) : yaml;
    Scenario scenario = ScenarioParser.parse(source, text.getBytes(StandardCharsets.UTF_8));
    for (Run r : runs.values()) {
      if (r.state().equals("running")) {
        throw new Refused("scenario run " + r.id + " (" + r.source + ") is still running; wait for it to finish",
            true, false);
      }
    }
    Run run = new Run("r" + ids.incrementAndGet(), source, scenario);
    runs.put(run.id, run);
    while (runs.size() > KEPT) {
      runs.remove(runs.keySet().iterator().next());
    }
    worker.execute(() -> execute(run));
    return run;
  }

  public synchronized Run get(String id) throws Refused {
    Run r = runs.get(id);
    if (r == null) {
      throw new Refused("no scenario run '" + id + "'; runs kept: " + runs.keySet(), false, true);
    }
    return r;
  }

  /** The runs kept, oldest first. */
  public synchronized List<Run> runs() {
    return new ArrayList<>(runs.values());
  }

  private void execute(Run run) {
    try (ScenarioTarget target = targets.get()) {
      boolean passed = new ScenarioRunner(target, new PrintWriter(Writer.nullWriter()), run::stepDone).run(run.scenario);
      run.finish(passed ? "passed" : "failed", null);
    } catch (ScenarioTarget.TargetException e) {
      run.finish("error", e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("scenario run {} failed", run.id, e);
      run.finish("error", e.toString());
    }
    LOG.info("scenario run {} ({}) {}", run.id, run.source, run.state());
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> FILE_NAME.matcher(n).matches()).sorted().toList();
    }
  }

  private static List<String> bundled() throws IOException {
    URL url = ScenarioRuns.class.getClassLoader().getResource(BUNDLED);
    if (url == null) {
      return List.of();
    }
    if (!"jar".equals(url.getProtocol())) {
      try {
        return list(Path.of(url.toURI()));
      } catch (URISyntaxException e) {
        throw new IOException(e);
      }
    }
    // The jar's entries through a JarFile of our own, closed after the listing: it shares the class loader's
    // copy of the jar's index. (A zip FileSystem over the jar kept open held a node and a name for each of
    // its ~14,000 entries and a second copy of the index, some 2 MB of live heap.)
    JarURLConnection connection = (JarURLConnection) url.openConnection();
    connection.setUseCaches(false);
    try (JarFile jar = connection.getJarFile()) {
      return jar.stream().map(JarEntry::getName).filter(n -> n.startsWith(BUNDLED))
          .map(n -> n.substring(BUNDLED.length())).filter(n -> FILE_NAME.matcher(n).matches()).sorted().toList();
    }
  }

  /** One run: its steps, each pending until done, and its outcome. */
  public static final class Run {
    private final String id;
    private final String source;
    private final Scenario scenario;
    private final String[] results;
    private final Boolean[] ok;
    private volatile String state = "running";
    private volatile String error;

    Run(String id, String source, Scenario scenario) {
      this.id = id;
      this.source = source;
      this.scenario = scenario;
      this.results = new String[scenario.steps().size()];
      this.ok = new Boolean[scenario.steps().size()];
    }

    public String id() {
      return id;
    }

    /** {@code running}, {@code passed}, {@code failed} (an expectation did not hold) or {@code error} (a step was refused). */
    public String state() {
      return state;
    }

    private synchronized void stepDone(Step step, String result, boolean held) {
      int i = scenario.steps().indexOf(step);
      if (i >= 0) {
        results[i] = result;
        ok[i] = held;
      }
    }

    private void finish(String outcome, String message) {
      error = message;
      state = outcome;
    }

    /** The run as JSON: id, source, name, state, and each step with its time, text and result (null until done). */
    public synchronized ObjectNode json() {
      ObjectNode o = F.objectNode();
      o.put("id", id);
      o.put("source", source);
      o.put("name", scenario.name());
      o.put("state", state);
      if (error != null) {
        o.put("error", error);
      }
      ArrayNode steps = o.putArray("steps");
      int done = 0;
      for (int i = 0; i < results.length; i++) {
        Step s = scenario.steps().get(i);
        ObjectNode j = steps.addObject();
        j.put("number", s.number());
        j.put("at", Durations.format(s.at()));
        j.put("atMillis", s.at().toMillis());
        j.put("kind", s instanceof Step.Expect ? "expect" : "action");
        j.put("text", Step.describe(s));
        j.put("result", results[i]);
        if (ok[i] == null) {
          j.putNull("ok");
        } else {
          j.put("ok", ok[i]);
          done++;
        }
      }
      o.put("stepsDone", done);
      return o;
    }
  }
}
