package dev.cpo.agent.console;

import dev.cpo.agent.testing.Tools;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both named explicitly so Selenium
 * Manager never looks for (or downloads) a browser or a driver. A fresh profile per browser. Skips the
 * test when either program is missing, unless {@code CPO_REQUIRE_TOOLS=1}.
 */
final class Browser implements AutoCloseable {

  static final int WIDTH = 1440;
  static final int HEIGHT = 900;

  final ChromeDriver driver;
  private final ChromeDriverService service;

  Browser(Path profile) {
    Path chromium = Tools.require("chromium");
    Path chromedriver = Tools.require("chromedriver");
    System.setProperty("webdriver.chrome.driver", chromedriver.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toString());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=" + WIDTH + "," + HEIGHT);
    service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver.toString()))
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    // The window size includes what little frame headless Chromium keeps; the page's viewport is set exactly.
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", false));
  }

  /** Saves the viewport as a PNG under agent/target/ and returns its path. */
  Path screenshot(String name) throws IOException {
    Path out = Path.of("target", "console-" + name + ".png").toAbsolutePath();
    Files.createDirectories(out.getParent());
    Files.write(out, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    return out;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }
}
