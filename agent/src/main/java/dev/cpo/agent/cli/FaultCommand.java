package dev.cpo.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code fault list | inject | clear ID | catalog}: a client of a running agent's control API. */
@Command(name = "fault", mixinStandardHelpOptions = true,
    description = "Inject, list and clear simulated faults through the control API of a running agent.",
    subcommands = {FaultCommand.ListFaults.class, FaultCommand.Inject.class, FaultCommand.Clear.class,
        FaultCommand.Catalog.class})
final class FaultCommand implements Runnable {

  static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--url", scope = ScopeType.INHERIT, defaultValue = "http://127.0.0.1:8161",
      description = "control API base URL (default: ${DEFAULT-VALUE})")
  String url;

  @Option(names = "--token", scope = ScopeType.INHERIT, defaultValue = "",
      description = "bearer token (control.token), needed when the API is not on loopback")
  String token;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "fault needs a subcommand: list, inject, clear or catalog");
  }

  /** Shared: call the API, print the JSON answer or the server's error. */
  abstract static class Call implements Callable<Integer> {

    @picocli.CommandLine.ParentCommand FaultCommand parent;

    @Spec CommandSpec spec;

    abstract JsonNode call(ControlClient client) throws ControlClient.Failure;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try {
        JsonNode result = call(new ControlClient(parent.url, parent.token));
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        out.flush();
        return 0;
      } catch (ControlClient.Failure e) {
        spec.commandLine().getErr().println("error: " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "list", description = "List the active faults.")
  static final class ListFaults extends Call {
    @Override
    JsonNode call(ControlClient client) throws ControlClient.Failure {
      return client.get("/api/v1/faults");
    }
  }

  @Command(name = "catalog", description = "List the fault types with their parameters.")
  static final class Catalog extends Call {
    @Override
    JsonNode call(ControlClient client) throws ControlClient.Failure {
      return client.get("/api/v1/faults/catalog");
    }
  }

  @Command(name = "clear", description = "Clear one active fault.")
  static final class Clear extends Call {
    @Parameters(paramLabel = "ID", description = "fault id, as inject or list printed it")
    String id;

    @Override
    JsonNode call(ControlClient client) throws ControlClient.Failure {
      return client.delete("/api/v1/faults/" + ControlClient.segment(id));
    }
  }

  @Command(name = "inject", description = "Inject a fault, e.g. --type laser-failure --target els3/laser5.")
  static final class Inject extends Call {
    @Option(names = "--type", required = true, description = "fault type (see: fault catalog)")
    String type;

    @Option(names = "--target", required = true, description = "entity name, e.g. els3/laser5, port42/lane3")
    String target;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
        description = "a parameter (a number) or an option (a choice, e.g. direction=rx), repeatable")
    List<String> params = new ArrayList<>();

    @Override
    JsonNode call(ControlClient client) throws ControlClient.Failure {
      ObjectNode body = JSON.createObjectNode();
      body.put("type", type);
      body.put("target", target);
      for (String p : params) {
        int eq = p.indexOf('=');
        if (eq <= 0) {
          throw new ParameterException(spec.commandLine(), "--param " + p + ": expected NAME=VALUE");
        }
        String name = p.substring(0, eq).trim();
        String value = p.substring(eq + 1).trim();
        try {
          body.put(name, Double.parseDouble(value));
        } catch (NumberFormatException e) {
          boolean numeric = dev.cpo.hal.fault.FaultCatalog.type(type)
              .map(t -> t.parameters().stream().anyMatch(x -> x.name().equals(name))).orElse(true);
          if (numeric) {
            throw new ParameterException(spec.commandLine(), "--param " + name + ": '" + value + "' is not a number");
          }
          // An option's choice (e.g. direction=rx); the API names the allowed ones if it is not one.
          body.put(name, value);
        }
      }
      return client.post("/api/v1/faults", body);
    }
  }
}
