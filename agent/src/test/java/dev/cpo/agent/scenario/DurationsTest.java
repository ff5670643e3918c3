package dev.cpo.agent.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void shortFormsAndIsoBothParse() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("3d")).isEqualTo(Duration.ofDays(3));
    assertThat(Durations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("PT90S")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("P3D")).isEqualTo(Duration.ofDays(3));
  }

  @Test
  void anythingElseIsRefusedWithTheAcceptedForms() {
    assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("'soon'").hasMessageContaining("90s");
    assertThatThrownBy(() -> Durations.parse("-5s")).hasMessageContaining("'-5s'");
    assertThatThrownBy(() -> Durations.parse("PT-5S")).hasMessageContaining("PT-5S");
  }

  @Test
  void formattingIsShort() {
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m 30s");
    assertThat(Durations.format(Duration.ofHours(26))).isEqualTo("1d 2h");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
  }
}
