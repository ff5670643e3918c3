package dev.cpo.agent.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.cli.AgentSections;
import dev.cpo.agent.cli.Product;
import dev.cpo.agent.testing.Snmptrapd;
import dev.cpo.hal.fault.FaultRequest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The lab console in a real headless Chromium, against the product as {@code run} composes it
 * ({@link Product}: the simulated switch on its scaled clock, the agent, SNMP, MQTT, the control server
 * with the console's routes). Screenshots (1440x900) go to agent/target/console-*.png.
 */
class ConsoleIT {

  private static final List<String> LASER_PORTS = List.of("port17", "port18", "port19", "port20");

  @TempDir Path dir;

  private Product product;
  private Browser browser;

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (product != null) {
      product.stop();
    }
  }

  private Product start(int controlPort, String... sets) throws Exception {
    List<String> all = new ArrayList<>(List.of("snmp.port=0", "mqtt.embedded.port=0", "gnmi.port=0", "control.port=" + controlPort,
        "traps.port=" + Snmptrapd.freeUdpPort(), "state.dir=" + dir.resolve("state")));
    all.addAll(List.of(sets));
    Product p = Product.of(AgentSections.load(null, all));
    p.start();
    return p;
  }

  private void open(String... sets) throws Exception {
    product = start(0, sets);
    browser = new Browser(dir.resolve("chromium"));
    browser.driver.get(product.control().url() + "/");
    awaitLive();
  }

  private void awaitLive() {
    await().atMost(Duration.ofSeconds(20)).until(() -> "live".equals(attr(By.id("link"), "data-link")));
  }

  private WebElement entity(String name) {
    return browser.driver.findElement(By.cssSelector("#faceplate [data-entity='" + name + "']"));
  }

  private String state(String name) {
    return entity(name).getAttribute("data-state");
  }

  private String attr(By by, String attribute) {
    List<WebElement> found = browser.driver.findElements(by);
    return found.isEmpty() ? null : found.get(0).getAttribute(attribute);
  }

  /**
   * The element's text. The page re-renders live (SSE), so an element found a moment ago may have been
   * replaced before its text is read: then it is found again, as a user's eye would re-read it.
   */
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

  private void select(String name) {
    entity(name).click();
    await().atMost(Duration.ofSeconds(5)).until(() -> text(By.id("detail-name")).equals(name));
  }

  private static void assertScreenshot(Path png) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(Browser.WIDTH);
    assertThat(image.getHeight()).isEqualTo(Browser.HEIGHT);
  }

  @Test
  void aLaserFailureInjectedFromTheFaultMenuDarkensItsFourPortsAndTellsOneRootStoryThenClearsBack() throws Exception {
    open();
    assertThat(browser.driver.findElements(By.cssSelector("#faceplate .port[data-entity]"))).hasSize(144);
    // A single agent is no fleet: no switch picker (FleetConsoleIT has the fleet's).
    assertThat(browser.driver.findElement(By.id("switch-picker")).isDisplayed()).isFalse();
    for (String port : LASER_PORTS) {
      assertThat(state(port)).isEqualTo("up");
    }
    select("els3/laser5");
    // Selecting a laser highlights the lanes and ports it feeds, from the inventory's mapping.
    assertThat(browser.driver.findElements(By.cssSelector("#faceplate .port.feeds")))
        .extracting(e -> e.getAttribute("data-entity")).containsExactlyElementsOf(LASER_PORTS);
    assertThat(browser.driver.findElements(By.cssSelector("#faceplate .lane.feeds")))
        .extracting(e -> e.getAttribute("data-entity"))
        .containsExactly("port17/lane3", "port18/lane3", "port19/lane3", "port20/lane3");
    // A history seconds old still charts on the history's 15-minute window: the x axis reads in minutes,
    // not (a zero span padded by uPlot) in years.
    await().atMost(Duration.ofSeconds(5)).until(() -> browser.driver.executeScript(
        "const c = document.getElementById('detail-chart'); return c && c.uplot ? c.uplot.data[0].length : 0;")
        instanceof Number n && n.intValue() >= 1);
    Number span = (Number) browser.driver.executeScript(
        "const u = document.getElementById('detail-chart').uplot; return u.scales.x.max - u.scales.x.min;");
    assertThat(span.doubleValue()).as("x axis span, s").isBetween(15 * 60.0, 16 * 60.0);

    // Hovering over another laser shows what that one feeds (laser 6: lane 3 of ports 21-24).
    new Actions(browser.driver).moveToElement(entity("els3/laser6")).perform();
    await().atMost(Duration.ofSeconds(2)).until(() -> browser.driver.findElements(By.cssSelector("#faceplate .port.feeds"))
        .stream().map(e -> e.getAttribute("data-entity")).toList().equals(List.of("port21", "port22", "port23", "port24")));

    new Select(browser.driver.findElement(By.id("fault-type"))).selectByValue("laser-failure");
    browser.driver.findElement(By.id("fault-inject")).click();
    long clicked = System.nanoTime();
    await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).until(() ->
        LASER_PORTS.stream().allMatch(p -> "degraded".equals(state(p)))
            && browser.driver.findElements(By.cssSelector("#story .root")).size() == 1);
    long seenMillis = (System.nanoTime() - clicked) / 1_000_000;
    WebElement root = browser.driver.findElement(By.cssSelector("#story .root"));
    assertThat(root.getAttribute("data-entity")).isEqualTo("els3/laser5");
    assertThat(root.getText()).contains("els3").contains("replace: els3").contains("field-replaceable")
        .contains("darkened: port17, port18, port19, port20").containsPattern("\\d+ symptoms");
    assertThat(state("els3/laser5")).isEqualTo("failed");
    assertThat(entity("port17").getAttribute("aria-label")).startsWith("port port17: degraded");
    assertThat(state("port21")).isEqualTo("up");
    assertThat(state("port16")).isEqualTo("up");
    assertThat(text(By.id("faults"))).contains("laser-failure on els3/laser5");
    await().atMost(Duration.ofSeconds(3)).until(() -> text(By.id("detail-state")).contains("failed"));
    // The readings follow the next snapshot: the laser emits nothing.
    await().atMost(Duration.ofSeconds(3)).until(() -> text(By.cssSelector("#detail-readings tr[data-sensor='els3/laser5:tx_power']"))
        .contains("-40"));
    // The docs' picture: the detail panel from its top, with the failed laser's readings.
    browser.driver.executeScript("document.getElementById('detail').scrollTop = 0;");
    assertScreenshot(browser.screenshot("laser-failure"));
    org.slf4j.LoggerFactory.getLogger(ConsoleIT.class).info("laser failure on the page {} ms after the click", seenMillis);

    browser.driver.findElement(By.cssSelector("#faults [data-clear]")).click();
    await().atMost(Duration.ofSeconds(5)).until(() -> LASER_PORTS.stream().allMatch(p -> "up".equals(state(p)))
        && "up".equals(state("els3/laser5"))
        && text(By.id("story")).contains("No active alarm")
        && text(By.id("faults")).equals("none"));
    assertThat(product.sim().faults().active()).isEmpty();
    assertScreenshot(browser.screenshot("laser-failure-cleared"));
  }

  @Test
  void aChangeReachesThePageWithinOnePollIntervalAndTwoHundredMilliseconds() throws Exception {
    open();
    // The page notes when port17's state attribute changes, on the browser's clock (this machine's).
    browser.driver.executeScript("const n = document.querySelector(\"#faceplate [data-entity='port17']\");"
        + "window.__changed = 0; new MutationObserver(() => { if (!window.__changed && n.dataset.state !== 'up')"
        + " window.__changed = Date.now(); }).observe(n, {attributes: true});");
    long injected = System.currentTimeMillis();
    product.sim().faults().inject(FaultRequest.of("fiber-cut", "port17/lane2"));
    await().atMost(Duration.ofSeconds(3)).until(() -> ((Number) browser.driver.executeScript("return window.__changed"))
        .longValue() > 0);
    long seen = ((Number) browser.driver.executeScript("return window.__changed")).longValue();
    long pollMs = 1000;
    assertThat(seen - injected).as("injection to page, ms").isLessThanOrEqualTo(pollMs + 200);
    org.slf4j.LoggerFactory.getLogger(ConsoleIT.class).info("fiber cut on the page {} ms after injection", seen - injected);
  }

  @Test
  void anOutOfRangeParameterGetsTheApisErrorNextToTheFieldAndChangesNothing() throws Exception {
    open();
    select("els3/laser6");
    new Select(browser.driver.findElement(By.id("fault-type"))).selectByValue("laser-power-drop");
    WebElement drop = browser.driver.findElement(By.id("param-dropDb"));
    assertThat(drop.getAttribute("value")).isEqualTo("3");
    drop.clear();
    drop.sendKeys("99");
    browser.driver.findElement(By.id("fault-inject")).click();
    await().atMost(Duration.ofSeconds(3)).until(() -> text(By.id("param-dropDb-error"))
        .contains("parameter 'dropDb' of 'laser-power-drop' must be in [0.1, 30] dB, was 99.0"));
    assertThat(product.sim().faults().active()).isEmpty();
    assertThat(text(By.id("faults"))).isEqualTo("none");
    assertThat(state("els3/laser6")).isEqualTo("up");
    assertThat(product.agent().latest().activeAlarms()).isEmpty();
    assertScreenshot(browser.screenshot("out-of-range"));
  }

  @Test
  void theLaserFailureScenarioRunsToAPassFromTheScenarioRunner() throws Exception {
    open();
    // Ten times faster, so the scenario's two simulated minutes take twelve seconds.
    WebElement scale = browser.driver.findElement(By.id("time-scale"));
    // Select what is there and type over it, as a user does: WebDriver's clear() takes the focus away again,
    // and a tick arriving then shows the current scale in the empty field ("1", so "10" would make "110").
    scale.sendKeys(Keys.chord(Keys.CONTROL, "a"), "10");
    assertThat(scale.getAttribute("value")).isEqualTo("10");
    browser.driver.findElement(By.cssSelector("#sim-form button[type=submit]")).click();
    await().atMost(Duration.ofSeconds(5)).until(() -> product.sim().settings().timeScale() == 10.0);

    new Select(browser.driver.findElement(By.id("scenario-file"))).selectByValue("laser-failure.yaml");
    browser.driver.findElement(By.id("scenario-load")).click();
    await().atMost(Duration.ofSeconds(3)).until(() -> browser.driver.findElement(By.id("scenario-yaml"))
        .getAttribute("value").contains("laser els3/laser5 fails"));
    browser.driver.findElement(By.id("scenario-run")).click();
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      String runState = attr(By.id("scenario-state"), "data-state");
      return runState != null && !runState.equals("running");
    });
    assertThat(attr(By.id("scenario-state"), "data-state")).as(text(By.id("scenario-state"))).isEqualTo("passed");
    List<WebElement> steps = browser.driver.findElements(By.cssSelector("#timeline li"));
    assertThat(steps).hasSize(15);
    assertThat(steps).allSatisfy(s -> assertThat(s.getAttribute("data-ok")).isEqualTo("true"));
    assertThat(product.sim().faults().active()).isEmpty();
    browser.driver.executeScript("document.getElementById('scenario-state').scrollIntoView();");
    assertScreenshot(browser.screenshot("scenario-passed"));
  }

  @Test
  void the409TProfileRendersAll512PortsAndEachIsSelectable() throws Exception {
    open("sim.profile=spectrum-x-photonics-409t");
    List<WebElement> ports = browser.driver.findElements(By.cssSelector("#faceplate .port[data-entity]"));
    assertThat(ports).hasSize(512);
    assertThat(browser.driver.findElements(By.cssSelector("#faceplate .bay[data-entity]"))).hasSize(64);
    assertThat(browser.driver.findElements(By.cssSelector("#faceplate .laser[data-entity]"))).hasSize(512);
    for (String name : List.of("port1", "els64/laser8", "oe128", "asic4", "loop4", "port256", "port512")) {
      select(name);
    }
    assertThat(entity("port512").getAttribute("data-selected")).isEqualTo("true");
    assertThat(browser.driver.findElements(By.cssSelector("#faceplate [data-selected]"))).hasSize(1);
    assertThat(text(By.id("detail-readings"))).contains("port512/lane4");
    assertScreenshot(browser.screenshot("409t"));
  }

  @Test
  void thePageSaysDisconnectedWhileTheAgentIsDownAndReconnectsWhenItIsBack() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    product = start(port);
    browser = new Browser(dir.resolve("chromium"));
    browser.driver.get(product.control().url() + "/");
    awaitLive();
    product.stop();
    product = null;
    await().atMost(Duration.ofSeconds(10)).until(() -> "disconnected".equals(attr(By.id("link"), "data-link")));
    assertThat(text(By.id("link"))).isEqualTo("disconnected");
    product = start(port);
    product.sim().faults().inject(FaultRequest.of("fan-failure", "fan2"));
    awaitLive();
    await().atMost(Duration.ofSeconds(5)).until(() -> "failed".equals(state("fan2")));
  }
}
