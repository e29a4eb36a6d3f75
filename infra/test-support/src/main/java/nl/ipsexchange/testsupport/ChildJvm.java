package nl.ipsexchange.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What a test needs to start another JVM on its own class path (a service or the whole stack as a process). */
public final class ChildJvm {

    private static final Set<Integer> CHOSEN_PORTS = ConcurrentHashMap.newKeySet();

    private ChildJvm() {
    }

    /**
     * A free port below the kernel's ephemeral range: the services are started (and started again) on their port a
     * while after it is chosen, and a port from the ephemeral range may meanwhile be taken by any outgoing connection.
     */
    public static synchronized int freePort() throws IOException {
        int ephemeralLow = 32768;
        try {
            ephemeralLow = Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            // not Linux: the usual default
        }
        Random random = new Random();
        int low = Math.max(1024, Math.min(20_000, ephemeralLow - 4_000));
        for (int attempt = 0; attempt < 200 && ephemeralLow - low > 100; attempt++) {
            int port = low + random.nextInt(ephemeralLow - low);
            if (CHOSEN_PORTS.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
                CHOSEN_PORTS.add(port);
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** The {@code java} executable of the running JVM. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A java {@code @argument} file in {@code dir} holding this JVM's class path (too long for a comfortable command
     * line); pass {@code "@" + file} to the child.
     */
    public static Path classPathArgumentFile(Path dir) throws IOException {
        Path file = dir.resolve("child-jvm.args");
        Files.writeString(file, "-cp \"" + classPath().replace("\\", "\\\\") + "\"\n");
        return file;
    }

    /**
     * This JVM's class path. Surefire may hand this JVM a manifest-only jar whose manifest names the real class path;
     * that is unpacked here.
     */
    public static String classPath() throws IOException {
        String classPath = System.getProperty("java.class.path");
        String[] entries = classPath.split(File.pathSeparator);
        if (entries.length == 1 && entries[0].endsWith(".jar")) {
            Path jar = Path.of(entries[0]).toAbsolutePath();
            try (JarFile file = new JarFile(jar.toFile())) {
                String manifestPath = file.getManifest() == null ? null
                        : file.getManifest().getMainAttributes().getValue("Class-Path");
                if (manifestPath != null && !manifestPath.isBlank()) {
                    URI base = jar.getParent().toUri();
                    return Stream.of(manifestPath.trim().split("\\s+"))
                            .map(entry -> Path.of(base.resolve(entry)).toString())
                            .collect(Collectors.joining(File.pathSeparator));
                }
            }
        }
        return classPath;
    }
}
