package dev.cpo.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** check-config validates the threshold and policy files the config names, not just agent.yaml. */
class CheckConfigRuleFilesTest {

  @TempDir Path dir;

  @Test
  void aBadThresholdFileFailsCheckConfigWithTheKeyAndExitCodeTwo() throws IOException {
    Path t = dir.resolve("t.yaml");
    Files.writeString(t, "classes:\n  asic.temp:\n    highWarning: 130\n    highAlarm: 120\n");
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    int code = cl.execute("check-config", "--set", "alarms.thresholdsFile=" + t);
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("classes.asic.temp.highAlarm").contains("line 4");
  }
}
