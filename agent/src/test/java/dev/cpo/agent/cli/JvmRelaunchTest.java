package dev.cpo.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmRelaunchTest {

  private static final List<String> OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx48m", "-Xms24m");
  private static final String JAR = "/opt/cpo/cpo-agent.jar";

  private static List<String> command(String... args) {
    return JvmRelaunch.command(args, JAR, List.of(), null, false, OPTIONS);
  }

  @Test
  void theReadmeCommandRelaunchesWithTheBundledOptionsAndTheSameArguments() {
    List<String> argv = command("--set", "snmp.port=0");

    assertThat(argv.get(0)).endsWith(Path.of("bin", "java").toString());
    assertThat(argv.subList(1, argv.size())).containsExactly("-XX:+UseSerialGC", "-Xmx48m", "-Xms24m",
        "-D" + JvmRelaunch.MARKER + "=true", "-jar", JAR, "--set", "snmp.port=0");
  }

  @Test
  void theClassDataArchiveBesideTheJarIsUsedWhenTheBuildWroteIt(@TempDir Path dir) throws java.io.IOException {
    Path jar = Files.createFile(dir.resolve("cpo-agent.jar"));
    List<String> without = JvmRelaunch.command(new String[0], jar.toString(), List.of(), null, false, OPTIONS);
    assertThat(without).noneMatch(o -> o.startsWith("-XX:SharedArchiveFile"));

    Path archive = Files.createFile(dir.resolve("cpo-agent.jsa"));
    List<String> with = JvmRelaunch.command(new String[0], jar.toString(), List.of(), null, false, OPTIONS);
    assertThat(with).contains("-XX:SharedArchiveFile=" + archive.toAbsolutePath(), "-Xlog:cds=off");
    assertThat(with.indexOf("-XX:SharedArchiveFile=" + archive.toAbsolutePath())).isLessThan(with.indexOf("-jar"));
  }

  @Test
  void runAndFleetRelaunchButClientCommandsStayInTheirJvm() {
    assertThat(command()).isNotEmpty();
    assertThat(command("run")).isNotEmpty();
    assertThat(command("fleet", "--switches", "8")).isNotEmpty();
    assertThat(command("fault", "list")).isEmpty();
    assertThat(command("check-config")).isEmpty();
    assertThat(command("bench", "--quick")).isEmpty();
  }

  @Test
  void optionsTheUserGaveTheJvmWin() {
    assertThat(JvmRelaunch.command(new String[0], JAR, List.of("-Xmx1g"), null, false, OPTIONS)).isEmpty();
  }

  @Test
  void itNeverRelaunchesTwiceAndCanBeTurnedOff() {
    assertThat(JvmRelaunch.command(new String[0], JAR, List.of(), null, true, OPTIONS)).isEmpty();
    assertThat(JvmRelaunch.command(new String[0], JAR, List.of(), "0", false, OPTIONS)).isEmpty();
  }

  @Test
  void fromClassesRatherThanTheJarItStaysAsItIs() {
    assertThat(JvmRelaunch.command(new String[0], "/repo/agent/target/classes", List.of(), null, false, OPTIONS))
        .isEmpty();
    assertThat(JvmRelaunch.command(new String[0], "a.jar:b.jar", List.of(), null, false, OPTIONS)).isEmpty();
  }

  @Test
  void aFleetsHeapGrowsWithItsSwitchesAndStartsWhereTheJvmPutsIt() {
    List<String> argv = command("fleet", "--switches", "64");

    assertThat(argv).contains("-Xmx" + (48 + 12 * 64) + "m").doesNotContain("-Xmx48m");
    assertThat(argv).noneMatch(o -> o.startsWith("-Xms"));
    assertThat(JvmRelaunch.fleetHeapMegabytes(new String[] {"fleet", "--switches=8"})).isEqualTo(48 + 12 * 8);
  }

  @Test
  void mallocArenasAreCappedUnlessTheUserChoseTheirOwn() {
    assertThat(JvmRelaunch.environment(Map.of("PATH", "/bin"))).containsExactly("MALLOC_ARENA_MAX=2", "PATH=/bin");
    assertThat(JvmRelaunch.environment(Map.of("MALLOC_ARENA_MAX", "8"))).containsExactly("MALLOC_ARENA_MAX=8");
  }

  @Test
  void theBundledOptionsFileParsesToOptionsOnly() {
    List<String> options = dev.cpo.agent.lifecycle.JvmOptions.parse("# comment\n\n-XX:+UseSerialGC\n  -Xmx48m  \n");

    assertThat(options).containsExactly("-XX:+UseSerialGC", "-Xmx48m");
    assertThat(dev.cpo.agent.lifecycle.JvmOptions.bundled()).isNotEmpty().allMatch(o -> o.startsWith("-"));
  }

  @Test
  void everyOptionTheFileNamesIsOneTheBuildsJvmKnowsSoATypoIsNotQuietlyLeftOut() throws Exception {
    List<String> file = dev.cpo.agent.lifecycle.JvmOptions.parse(
        java.nio.file.Files.readString(java.nio.file.Path.of("..", "config", "jvm.options")));

    assertThat(file).contains("-XX:TrimNativeHeapInterval=5000");
    assertThat(dev.cpo.agent.lifecycle.JvmOptions.bundled()).containsExactlyElementsOf(file);
  }
}
