package dev.cpo.agent.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page's assets are in the jar, and every file the page names is one the server can serve. */
class ConsoleAssetsTest {

  private static String resource(String name) throws IOException {
    try (InputStream in = ConsoleAssetsTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name + " on the classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void everyScriptAndStyleTheIndexNamesIsOnTheClasspathIncludingThePinnedUplot() throws IOException {
    String index = resource("console/index.html");
    Matcher m = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"").matcher(index);
    List<String> named = new ArrayList<>();
    while (m.find()) {
      named.add(m.group(1));
    }
    assertThat(named).contains("/console/js/main.js", "/console/console.css",
        "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js");
    for (String path : named) {
      String cp = path.startsWith("/webjars/") ? "META-INF/resources" + path : path.substring(1);
      assertThat(resource(cp)).isNotEmpty();
    }
  }

  @Test
  void everyModuleTheScriptsImportIsOnTheClasspath() throws IOException {
    Pattern imports = Pattern.compile("from '\\./([a-z]+\\.js)'");
    for (String module : List.of("main.js", "api.js", "faceplate.js", "detail.js", "story.js", "lab.js")) {
      Matcher m = imports.matcher(resource("console/js/" + module));
      while (m.find()) {
        assertThat(resource("console/js/" + m.group(1))).as(module + " imports " + m.group(1)).isNotEmpty();
      }
    }
  }
}
