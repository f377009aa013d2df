package dev.cacheinvalidation.samples.startup;

import java.nio.file.Files;
import java.nio.file.Path;

/** The measured program: prints one line and its own peak RSS (VmHWM, KiB), then exits. */
public final class TrivialProgram {
  private TrivialProgram() {}

  public static void main(String[] args) throws Exception {
    String peak = "0";
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        peak = line.replaceAll("[^0-9]", "");
      }
    }
    System.out.println("peak-rss-kib=" + peak);
  }
}
