package nl.ipsexchange.benchmark;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * The JIT compiler's work in this JVM, which runs the whole stack: a throughput phase measures the stack's steady
 * state only once the compiler has finished with the phase's code path. On this machine, from a cold start, one
 * client thread registering clients keeps the compiler busy for about two minutes (a third of the two cores at
 * first), and a registration meanwhile costs two to three times the CPU it costs once the compiler is done (ADR 18).
 */
final class Jit {

    /** A warm-up step: a few seconds of the phase's own work. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** The compiler's time since a moment, against the wall-clock time since then. */
    record Mark(long compileMillis, long nanos) {

        static Mark now() {
            return new Mark(totalCompileMillis(), System.nanoTime());
        }

        /** Compiler time per wall-clock time since this mark (1.0: one compiler thread busy all the time). */
        double compilerShare() {
            double wallMillis = (System.nanoTime() - nanos) / 1e6;
            return wallMillis <= 0 ? 0 : (totalCompileMillis() - compileMillis) / wallMillis;
        }
    }

    /** How a warm-up ended: its length, and the compiler's share of the wall-clock time in its last step. */
    record WarmUp(double seconds, double lastShare, boolean quiet) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.0f s, compiler %.1f%% of the last step%s", seconds,
                    lastShare * 100, quiet ? "" : " (not quiet: capped)");
        }
    }

    /**
     * A step is quiet when the compiler spent less than this share of its wall-clock time compiling: from a cold
     * start the share is 30..70 %; the one-thread warm-ups here ended after 170..230 s with 0.6..1.6 %.
     */
    static final double QUIET = 0.02;

    private Jit() {
    }

    /** Runs {@code step} until the compiler is quiet during one (two in a row), or until {@code cap}. */
    static WarmUp untilQuiet(String what, Step step, Duration cap) throws Exception {
        long start = System.nanoTime();
        long deadline = start + cap.toNanos();
        int quietSteps = 0;
        double share;
        do {
            Mark mark = Mark.now();
            step.run();
            share = mark.compilerShare();
            quietSteps = share < QUIET ? quietSteps + 1 : 0;
        } while (quietSteps < 2 && System.nanoTime() < deadline);
        WarmUp warmUp = new WarmUp((System.nanoTime() - start) / 1e9, share, quietSteps >= 2);
        System.out.println("[benchmark] warm-up (" + what + "): " + warmUp);
        return warmUp;
    }

    private static long totalCompileMillis() {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        return compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime() : 0;
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
