package dev.cpo.agent.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.cli.Fleet;
import dev.cpo.agent.testing.Snmptrapd;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The lab console of a fleet in a real headless Chromium: the page's switch picker moves the
 * faceplate, alarm story, fault menu and scenario runner to the switch picked (its routes under
 * {@code /api/v1/switches/{id}/}). A single agent's page has no picker ({@link ConsoleIT}).
 */
class FleetConsoleIT {

  private static final List<String> LASER_PORTS = List.of("port17", "port18", "port19", "port20");

  @TempDir Path dir;

  private Fleet fleet;
  private Browser browser;

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (fleet != null) {
      fleet.stop();
    }
  }

  private String attr(By by, String attribute) {
    List<WebElement> found = browser.driver.findElements(by);
    return found.isEmpty() ? null : found.get(0).getAttribute(attribute);
  }

  private String state(String entity) {
    return attr(By.cssSelector("#faceplate [data-entity='" + entity + "']"), "data-state");
  }

  private String text(By by) {
    for (int attempt = 1; ; attempt++) {
      try {
        List<WebElement> found = browser.driver.findElements(by);
        return found.isEmpty() ? "" : found.get(0).getText();
      } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
        if (attempt == 5) {
          throw replaced;
        }
      }
    }
  }

  private void awaitLive() {
    await().atMost(Duration.ofSeconds(30)).until(() -> "live".equals(attr(By.id("link"), "data-link")));
  }

  @Test
  void theSwitchPickerMovesTheFaceplateFaultMenuAndScenarioRunnerToTheSwitchPicked() throws Exception {
    fleet = Fleet.of(null, List.of("snmp.port=0", "control.port=0", "gnmi.port=0", "mqtt.embedded.port=0",
        "traps.port=" + Snmptrapd.freeUdpPort(), "state.dir=" + dir.resolve("state")), 3, null, 5L);
    fleet.start();
    browser = new Browser(dir.resolve("chromium"));
    browser.driver.get(fleet.first().control().url() + "/");
    awaitLive();

    Select picker = new Select(browser.driver.findElement(By.id("switch")));
    assertThat(browser.driver.findElement(By.id("switch-picker")).isDisplayed()).isTrue();
    assertThat(picker.getOptions()).extracting(WebElement::getText).containsExactly("sw1", "sw2", "sw3");
    assertThat(picker.getFirstSelectedOption().getText()).isEqualTo("sw1");
    assertThat(text(By.id("model"))).startsWith("sw1 · ");

    picker.selectByValue("sw2");
    await().atMost(Duration.ofSeconds(10)).until(() -> browser.driver.getCurrentUrl().contains("switch=sw2")
        && text(By.id("model")).startsWith("sw2 · "));
    awaitLive();
    assertThat(new Select(browser.driver.findElement(By.id("switch"))).getFirstSelectedOption().getText())
        .isEqualTo("sw2");

    // The fault menu of sw2's page injects on sw2, and sw2's faceplate and alarm story show it.
    browser.driver.findElement(By.cssSelector("#faceplate [data-entity='els3/laser5']")).click();
    await().atMost(Duration.ofSeconds(5)).until(() -> text(By.id("detail-name")).equals("els3/laser5"));
    new Select(browser.driver.findElement(By.id("fault-type"))).selectByValue("laser-failure");
    browser.driver.findElement(By.id("fault-inject")).click();
    await().atMost(Duration.ofSeconds(5)).until(() -> LASER_PORTS.stream().allMatch(p -> "degraded".equals(state(p)))
        && "els3/laser5".equals(attr(By.cssSelector("#story .root"), "data-entity")));
    assertThat(fleet.members().get("sw2").sim().faults().active()).hasSize(1);
    assertThat(fleet.members().get("sw1").sim().faults().active()).isEmpty();
    assertThat(fleet.members().get("sw3").sim().faults().active()).isEmpty();

    // sw2's scenario runner: a plain name is sw2 (degraded now), a prefixed one another switch.
    WebElement yaml = browser.driver.findElement(By.id("scenario-yaml"));
    yaml.clear();
    yaml.sendKeys("""
        name: picked switch
        steps:
          - {at: 0s, expect: {entity: port17, status: state, equals: degraded}}
          - {at: 0s, expect: {entity: els3/laser5, alarm: laser-failure, equals: active}}
          - {at: 0s, expect: {entity: 'sw1:port17', status: state, equals: up}}
          - {at: 0s, expect: {entity: 'sw3:els3/laser5', alarm: laser-failure, equals: cleared}}
        """);
    browser.driver.findElement(By.id("scenario-run")).click();
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      String s = attr(By.id("scenario-state"), "data-state");
      return s != null && !s.equals("running");
    });
    assertThat(attr(By.id("scenario-state"), "data-state")).as(text(By.id("scenario-state"))).isEqualTo("passed");
    assertThat(text(By.id("scenario-state"))).contains("4/4");
    browser.screenshot("fleet-sw2");

    // Back on sw1: its faceplate is healthy, the fault was sw2's only.
    new Select(browser.driver.findElement(By.id("switch"))).selectByValue("sw1");
    await().atMost(Duration.ofSeconds(10)).until(() -> text(By.id("model")).startsWith("sw1 · "));
    awaitLive();
    assertThat(LASER_PORTS).allMatch(p -> "up".equals(state(p)));
    assertThat(browser.driver.findElements(By.cssSelector("#story .root"))).isEmpty();
  }

  @Test
  void anUnknownSwitchInTheAddressShowsTheFirstAndSaysSo() throws Exception {
    fleet = Fleet.of(null, List.of("snmp.port=0", "control.port=0", "gnmi.port=0", "mqtt.embedded.port=0",
        "traps.port=" + Snmptrapd.freeUdpPort(), "state.dir=" + dir.resolve("state")), 2, null, 5L);
    fleet.start();
    browser = new Browser(dir.resolve("chromium"));
    browser.driver.get(fleet.first().control().url() + "/?switch=sw9");
    awaitLive();

    assertThat(text(By.id("switch-note"))).isEqualTo("no switch 'sw9' in this fleet; showing sw1");
    assertThat(text(By.id("model"))).startsWith("sw1 · ");
  }
}
