package dev.cacheinvalidation.samples.staleness.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Entry point: runs every selected {@link Mode} {@code runs} times, prints the results table (also written to
 * {@code results.md} beside the run logs) and exits 1 when a mode breaks its promise: a freshness-promising
 * mode with a stale entry after quiescing, or a baseline without one.
 *
 * <p>Options: {@code --profile=short|full} (1 or 100 runs per mode), {@code --runs=N}, {@code --modes=a,b},
 * {@code --duration-ms=N}, {@code --seed=N}, {@code --agent=<jar>}. Run from the repository root.
 */
public final class StalenessChecker {
  private StalenessChecker() {}

  public static void main(String[] args) throws Exception {
    Path jarDir = Path.of(StalenessChecker.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .getParent();
    Path outputDir = jarDir.resolve("staleness-runs");
    Path agentJar = Path.of("agent/target/cache-invalidation-agent.jar");
    Settings settings = Settings.shortProfile(agentJar, outputDir);
    List<String> selected = null;
    for (String arg : args) {
      String[] pair = arg.split("=", 2);
      switch (pair[0]) {
        case "--profile" -> settings = pair[1].equals("full") ? Settings.fullProfile(agentJar, outputDir)
            : Settings.shortProfile(agentJar, outputDir);
        case "--runs" -> settings = settings.withRuns(Integer.parseInt(pair[1]));
        case "--duration-ms" -> settings = settings.withDuration(Long.parseLong(pair[1]));
        case "--seed" -> settings = settings.withSeed(Long.parseLong(pair[1]));
        case "--agent" -> settings = settings.withAgentJar(Path.of(pair[1]));
        case "--modes" -> selected = Arrays.asList(pair[1].split(","));
        default -> {
          System.err.println("unknown option " + arg + "; accepted: --profile=short|full --runs=N "
              + "--modes=a,b --duration-ms=N --seed=N --agent=<jar>");
          System.exit(2);
        }
      }
    }
    if (!Files.isRegularFile(settings.agentJar())) {
      System.err.println("no agent jar at " + settings.agentJar().toAbsolutePath()
          + ": build it (mvn -B -q package -DskipTests) and run from the repository root, or pass --agent=<jar>");
      System.exit(2);
    }
    Files.createDirectories(outputDir);
    List<ModeTally> tallies = new ArrayList<>();
    AgentCapabilities capabilities = AgentCapabilities.of(settings.agentJar());
    try (SharedDatabase database = new SharedDatabase()) {
      for (Mode mode : Mode.all()) {
        if (selected != null && !selected.contains(mode.name())) {
          continue;
        }
        String missing = capabilities.missing(mode.requires());
        if (missing == null) {
          ModeTally tally = runMode(mode, settings, database);
          tallies.add(tally);
          // Each mode's row as soon as it is known, so a long full run that is stopped keeps what it measured.
          System.out.print(ResultTable.render(List.of(tally), settings));
          if (!tally.evidence.isEmpty()) {
            System.out.println("[staleness] " + mode.name() + " stale entries (cached vs database): "
                + tally.evidence);
          }
        } else {
          ModeTally tally = new ModeTally(mode);
          tally.notRun = "the built agent does not use ConfigKeys." + missing;
          tallies.add(tally);
          System.out.println("[staleness] " + mode.name() + ": not run, " + tally.notRun);
        }
      }
    }
    String table = ResultTable.render(tallies, settings);
    System.out.println(table);
    Files.writeString(outputDir.resolve("results.md"), table);
    boolean violated = false;
    for (ModeTally tally : tallies) {
      String violation = tally.violation();
      if (violation != null) {
        violated = true;
        System.out.println("[staleness] VIOLATED " + tally.mode.name() + ": " + violation);
      }
    }
    System.out.println(violated ? "[staleness] FAILED: a mode broke its promise (logs: " + outputDir + ")"
        : "[staleness] OK: every freshness promise held and every baseline showed staleness");
    System.exit(violated ? 1 : 0);
  }

  /** Runs per forked JVM: enough to amortise start-up, few enough that a crashed session loses little. */
  private static final int RUNS_PER_SESSION = 10;

  private static ModeTally runMode(Mode mode, Settings settings, SharedDatabase database) {
    ModeTally tally = new ModeTally(mode);
    int perSession = mode.fault() == Fault.JVM_KILL ? 1 : RUNS_PER_SESSION;
    int session = 0;
    for (int done = 0; done < settings.runs() && tally.notRun == null; session++) {
      int runs = Math.min(perSession, settings.runs() - done);
      double seconds = runSession(mode, settings, database, tally, session, runs);
      done += runs;
      System.out.printf(Locale.ROOT, "[staleness] %s: %d/%d runs, %d stale so far (%.1f s)%n", mode.name(), done,
          settings.runs(), tally.stale, seconds);
    }
    // A baseline only has to show that the checker sees staleness, and its race is a matter of chance (a later
    // write to the same key often evicts the stale value again): a short profile's single run may end clean.
    // A few more runs settle it; the table counts them.
    for (int extra = 1; mode.promise() == Promise.STALE && tally.stale == 0 && tally.notRun == null
        && extra <= BASELINE_EXTRA_RUNS; extra++, session++) {
      double seconds = runSession(mode, settings, database, tally, session, 1);
      System.out.printf(Locale.ROOT, "[staleness] %s: no stale entry yet, extra run %d/%d: %d stale (%.1f s)%n",
          mode.name(), extra, BASELINE_EXTRA_RUNS, tally.stale, seconds);
    }
    return tally;
  }

  /** Extra runs a baseline gets when its runs showed no stale entry. */
  private static final int BASELINE_EXTRA_RUNS = 4;

  /** Runs one forked session of {@code runs} runs into the tally; returns its length in seconds. */
  private static double runSession(Mode mode, Settings settings, SharedDatabase database, ModeTally tally,
      int session, int runs) {
    long started = System.nanoTime();
    try {
      for (List<RunResult> run : new CheckerRun(mode, settings, database, session, runs).execute()) {
        tally.add(run, mode.cache().endsWith("redis"));
      }
    } catch (UnavailableModeException e) {
      tally.notRun = e.getMessage();
    } catch (Exception e) {
      tally.failed("session " + session + ": " + e.getMessage());
    }
    return (System.nanoTime() - started) / 1e9;
  }
}
