package nl.ipsexchange.benchmark;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The machine, and the memory the stack holds on it (Linux /proc). */
final class Machine {

    private Machine() {
    }

    static String describe() {
        long memoryKiB = meminfo("MemTotal:");
        return String.format(Locale.ROOT, "Machine: %d cores, %d MiB RAM, Java %s (%s)",
                Runtime.getRuntime().availableProcessors(), memoryKiB / 1024, System.getProperty("java.version"),
                System.getProperty("os.name"));
    }

    /**
     * What the stack holds in memory, by part, in MiB: the proportional resident memory (PSS, shared pages divided
     * among their users) of this JVM and of every PostgreSQL process serving the data directory under {@code dir}.
     * PSS, not RSS: PostgreSQL's shared buffers would otherwise be counted once per backend. The JVM holds the five
     * services, the Kafka broker and the benchmark's own client. For the JVM the record also gives what the JVM
     * accounts for itself: the Java heap (committed, and in use), metaspace and compiled code (committed) and direct
     * buffers. Committed memory is resident only where it was touched, so these are upper bounds of their share of the
     * PSS, not parts that add up to it; memory-mapped files (the broker's indexes) are left out for the same reason.
     */
    record StackMemory(long jvmMiB, long heapCommittedMiB, long heapUsedMiB, long metaspaceAndCodeMiB,
                       long directBuffersMiB, long postgresMiB) {

        static StackMemory now(Path dir) {
            long postgres = 0;
            for (long postmaster : postmasters(dir)) {
                postgres += pssKiB(postmaster);
                postgres += ProcessHandle.of(postmaster).stream().flatMap(ProcessHandle::descendants)
                        .mapToLong(process -> pssKiB(process.pid())).sum();
            }
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            long nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getCommitted();
            long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                    .filter(pool -> "direct".equals(pool.getName())).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
            return new StackMemory(pssKiB(ProcessHandle.current().pid()) / 1024, heap.getCommitted() >> 20,
                    heap.getUsed() >> 20, nonHeap >> 20, direct >> 20, postgres / 1024);
        }

        long totalMiB() {
            return jvmMiB + postgresMiB;
        }

        /** What the JVM accounts for itself, for a label. */
        String jvmAccounts() {
            return String.format(Locale.ROOT, "heap committed %d, in use %d; metaspace and compiled code committed %d; "
                    + "direct buffers %d", heapCommittedMiB, heapUsedMiB, metaspaceAndCodeMiB, directBuffersMiB);
        }
    }

    private static List<Long> postmasters(Path dir) {
        String marker = dir.toAbsolutePath().toString();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    String commandLine = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    return commandLine.contains("postgres") && commandLine.contains(marker)
                            && !commandLine.contains("pg_ctl");
                } catch (IOException | RuntimeException gone) {
                    return false;
                }
            }).map(p -> Long.parseLong(p.getFileName().toString())).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long pssKiB(long pid) {
        Path rollup = Path.of("/proc", Long.toString(pid), "smaps_rollup");
        try {
            for (String line : Files.readAllLines(rollup)) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or no smaps_rollup: fall back to RSS
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }

    private static long meminfo(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return 0;
    }

    /**
     * The machine's CPU time so far, from the first line of {@code /proc/stat}: busy (user, nice, system, irq,
     * softirq), idle (with iowait), and stolen by the hypervisor for other guests. In clock ticks (USER_HZ, 100 per
     * second on Linux). All zero where there is no {@code /proc/stat}.
     */
    record CpuTimes(long busy, long idle, long steal) {

        static CpuTimes now() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long user = Long.parseLong(f[1]);
                long nice = Long.parseLong(f[2]);
                long system = Long.parseLong(f[3]);
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                long irq = Long.parseLong(f[6]);
                long softirq = Long.parseLong(f[7]);
                long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
                return new CpuTimes(user + nice + system + irq + softirq, idle, steal);
            } catch (IOException | RuntimeException e) {
                return new CpuTimes(0, 0, 0);
            }
        }

        /** Busy CPU milliseconds since {@code before}, per unit of work (NaN without {@code /proc/stat}). */
        double busyMillisPer(CpuTimes before, long units) {
            return units == 0 || busy == 0 ? Double.NaN : (busy - before.busy) * 10.0 / units;
        }

        /** The share of all CPU time since {@code before} that the hypervisor gave to other guests. */
        double stealShare(CpuTimes before) {
            long total = (busy - before.busy) + (idle - before.idle) + (steal - before.steal);
            return total == 0 ? 0 : (steal - before.steal) / (double) total;
        }
    }
}
