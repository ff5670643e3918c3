package dev.cpo.agent.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpo.agent.control.EventStream;
import dev.cpo.agent.control.Response;
import dev.cpo.agent.control.Routes;
import dev.cpo.agent.control.StaticFiles;
import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.lifecycle.Component;
import dev.cpo.agent.scenario.LiveTarget;
import dev.cpo.hal.sim.SimulatorControl;
import java.nio.file.Path;

/**
 * The lab console in the running product: its page and assets at {@code /} from the jar, and the routes
 * only it needs, registered on the control server's route table:
 *
 * <pre>
 * GET  /                              the page (console/index.html); /console/* its modules and styles
 * GET  /webjars/uplot/*               uPlot, from its WebJar
 * GET  /api/v1/console/layout         the inventory as the faceplate needs it (no lanes: they follow from the ports)
 * GET  /api/v1/console/state          the whole picture the event stream's diffs apply to
 * GET  /api/v1/console/readings?entity=NAME  the entity's readings (a port's with its lanes')
 * GET  /api/v1/console/events         server-sent events: tick, readings, states, alarms, faults, inventory
 * GET  /api/v1/console/events?entity=NAME  the entity's detail: its readings each snapshot, each new history sample
 * GET  /api/v1/history?entity=NAME    the entity's sensors over the history window, with thresholds
 * GET  /api/v1/scenarios              scenario files on offer and the runs kept
 * GET  /api/v1/scenarios/FILE         one file's text
 * POST /api/v1/scenarios/runs         {"file": ..} or {"yaml": ..}: start a run (202)
 * GET  /api/v1/scenarios/runs/ID      a run with each step's outcome so far
 * </pre>
 *
 * As a component it starts the feed (after the agent and the control server) and stops it. A fleet's
 * later switches each have a console of their own, reached under {@code /api/v1/switches/{id}/} from the
 * first switch's page ({@link #member}): its feed (a thread, and the history's memory) starts only when
 * a page first asks for that switch, so a fleet of 64 does not run 64 feeds nobody watches.
 */
public final class Console implements Component {

  private static final com.fasterxml.jackson.databind.ObjectMapper COMPACT = new com.fasterxml.jackson.databind.ObjectMapper();

  private final EventStream stream = EventStream.create("console");
  // Per entity a page has selected: its detail stream (no replay: a page that reconnects reads the detail afresh).
  // Kept once made (at most one per entity), so a page attaching never finds its stream gone.
  private final java.util.concurrent.ConcurrentMap<String, EventStream> details =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final SensorHistory history;
  private final ConsoleFeed feed;
  private final ScenarioRuns scenarios;
  private final ConsoleApi api;
  private final AgentView agentView;
  private volatile LiveTarget.Api runsOn;
  private boolean page = true;
  private boolean lazy;
  private boolean started;
  private boolean feedRunning;

  /** @param sim the simulator (faults, settings), or null when there is none */
  public Console(ConsoleConfig config, AgentView agent, SimulatorControl sim) {
    this.agentView = agent;
    this.history = new SensorHistory(config.historyWindow(), config.historyResolution());
    this.feed = new ConsoleFeed(agent, sim, history, new ConsoleFeed.Sink() {
      @Override
      public boolean hasListeners() {
        return stream.clients() > 0;
      }

      @Override
      public void publish(String event, String data) {
        stream.publish(event, data);
      }

      @Override
      public void publish(java.util.List<EventStream.Event> events) {
        stream.publish(events);
      }
    }, new ConsoleFeed.Details() {
      @Override
      public java.util.Collection<String> followed() {
        java.util.List<String> out = null;
        for (var e : details.entrySet()) {
          if (e.getValue().clients() > 0) {
            if (out == null) {
              out = new java.util.ArrayList<>();
            }
            out.add(e.getKey());
          }
        }
        return out == null ? java.util.List.of() : out;
      }

      @Override
      public void publish(String entity, java.util.List<EventStream.Event> events) {
        EventStream s = details.get(entity);
        if (s != null) {
          s.publish(events);
        }
      }
    });
    this.scenarios = new ScenarioRuns(Path.of(config.scenarios()), () -> new LiveTarget(runsOn));
    this.api = new ConsoleApi(agent, history, feed, scenarios);
  }

  /**
   * This console as switch {@code switchId} of a fleet whose first switch's control server serves
   * {@code fleet}: no page of its own (the first switch's page shows it), a feed started on first use,
   * and scenario runs through the fleet's routes, so their plain names mean this switch and
   * {@code swN:} names reach the others.
   */
  public synchronized Console member(Routes fleet, String switchId) {
    page = false;
    lazy = true;
    runsOn = new RoutesApi(fleet, switchId);
    return this;
  }

  /** Adds the console's page and routes to the control server's table. */
  public Console register(Routes routes) {
    if (runsOn == null) {
      // Scenario runs go through the same routes as over HTTP; in a fleet these serve every switch.
      runsOn = new RoutesApi(routes, null);
    }
    if (page) {
      StaticFiles files = StaticFiles.classpath("console/");
      routes.get("/", files);
      routes.getPrefix("/console/", files);
      routes.getPrefix("/webjars/uplot/", StaticFiles.classpath("META-INF/resources/webjars/uplot/"));
    }
    // The page's reads go without pretty-printing: a third of their bytes is indentation.
    routes.get("/api/v1/console/layout", req -> {
      req.allowQuery();
      used();
      return compact(api.layout());
    });
    routes.get("/api/v1/console/state", req -> {
      req.allowQuery();
      used();
      return compact(api.state());
    });
    routes.get("/api/v1/console/readings", req -> {
      req.allowQuery("entity");
      used();
      return compact(api.readings(req.query("entity")));
    });
    routes.get("/api/v1/console/events", req -> {
      req.allowQuery("entity");
      used();
      String entity = req.query("entity");
      if (entity == null) {
        return Response.events(stream, req.header("Last-Event-ID"));
      }
      // The detail panel's stream of one entity: its readings each snapshot, its history's new samples.
      String name = ConsoleApi.entity(agentView.latest().hal().inventory(), entity).name();
      return Response.events(details.computeIfAbsent(name,
          k -> new EventStream("console " + k, 256, 0, java.time.Duration.ofSeconds(15))), null);
    });
    routes.get("/api/v1/history", req -> {
      req.allowQuery("entity");
      used();
      return compact(api.history(req.query("entity")));
    });
    routes.get("/api/v1/scenarios", req -> {
      req.allowQuery();
      return Response.ok(api.scenarios());
    });
    routes.getPrefix("/api/v1/scenarios/", req -> {
      req.allowQuery();
      String rest = req.remainder();
      if (rest.startsWith("runs/") && rest.indexOf('/', 5) < 0) {
        return Response.ok(api.run(dev.cpo.agent.control.Request.decode(rest.substring(5))));
      }
      return Response.ok(api.scenario(dev.cpo.agent.control.Request.decode(rest)));
    });
    routes.post("/api/v1/scenarios/runs", req -> {
      req.allowQuery();
      JsonNode body = req.json();
      return Response.json(202, api.startRun(body));
    });
    return this;
  }

  private static Response compact(JsonNode body) {
    try {
      return Response.bytes(200, "application/json; charset=utf-8", COMPACT.writeValueAsBytes(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + body.getNodeType(), e);
    }
  }

  @Override
  public String name() {
    return "console";
  }

  @Override
  public synchronized void start() {
    started = true;
    if (!lazy) {
      startFeed();
    }
  }

  /** A page asked for this switch: a lazy console's feed starts now. */
  private synchronized void used() {
    if (started) {
      startFeed();
    }
  }

  private void startFeed() {
    if (!feedRunning) {
      feed.start();
      feedRunning = true;
    }
  }

  @Override
  public synchronized void stop() {
    started = false;
    if (feedRunning) {
      feed.stop();
      feedRunning = false;
    }
    scenarios.close();
  }

  public SensorHistory history() {
    return history;
  }

  public ConsoleFeed feed() {
    return feed;
  }
}
