package io.seed.bundler.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code e2e} directory whose Node packages hold anvil and the contracts the chain-backed
 * benchmarks deploy: {@code -Dbundler.e2e.dir}, or {@code ./e2e} ({@code ./bundler bench} runs
 * from the repository's root).
 */
public final class E2eDirectory {
  private E2eDirectory() {}

  /**
   * The directory, checked.
   *
   * @throws IllegalStateException when its Node packages are not installed
   */
  public static Path resolve() {
    Path e2eDir = Path.of(System.getProperty("bundler.e2e.dir", "e2e")).toAbsolutePath();
    if (!Files.isDirectory(e2eDir.resolve("node_modules"))) {
      throw new IllegalStateException(e2eDir + " has no node_modules: run `cd e2e && npm ci`,"
          + " or point -Dbundler.e2e.dir at the e2e directory");
    }
    return e2eDir;
  }
}
