package dev.cpo.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JvmOptionsTest {

  @Test
  void theFlagOfAnXxOptionIsItsNameWithoutSignOrValue() {
    assertThat(JvmOptions.flagName("-XX:+UseSerialGC")).isEqualTo("UseSerialGC");
    assertThat(JvmOptions.flagName("-XX:-UsePerfData")).isEqualTo("UsePerfData");
    assertThat(JvmOptions.flagName("-XX:TieredStopAtLevel=1")).isEqualTo("TieredStopAtLevel");
    assertThat(JvmOptions.flagName("-Xmx42m")).isNull();
    assertThat(JvmOptions.flagName("-Dio.netty.allocator.maxOrder=7")).isNull();
  }

  @Test
  void aFlagThisJvmHasIsKeptAndOneItLacksIsLeftOut() {
    com.sun.management.HotSpotDiagnosticMXBean jvm = JvmOptions.thisJvm();
    assertThat(JvmOptions.knownTo(jvm, "-XX:+UseSerialGC")).isTrue();
    assertThat(JvmOptions.knownTo(jvm, "-XX:ReservedCodeCacheSize=32m")).isTrue();
    assertThat(JvmOptions.knownTo(jvm, "-XX:+NoSuchFlagInAnyJdk")).isFalse();
    assertThat(JvmOptions.knownTo(jvm, "-XX:NoSuchFlagInAnyJdk=3")).isFalse();
    assertThat(JvmOptions.knownTo(jvm, "-Xmx42m")).isTrue();
  }
}
