package io.portal.system;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The VM options a running portal sets so that memory returns to the system when idle,
 * checked in JVMs of their own, started with each garbage collector.
 */
class IdleMemoryTests {

    @Test
    void withG1TheHeapShrinksAtEachCollectionAndIsCollectedWhenIdle() throws Exception {
        assertThat(run("-XX:+UseG1GC")).containsExactly("applied {MinHeapFreeRatio=10, MaxHeapFreeRatio=30, G1PeriodicGCInterval=60000}",
                "MinHeapFreeRatio=10", "MaxHeapFreeRatio=30", "G1PeriodicGCInterval=60000");
    }

    @Test
    void withAnotherCollectorOnlyTheHeapRatiosAreSet() throws Exception {
        assertThat(run("-XX:+UseSerialGC")).containsExactly("applied {MinHeapFreeRatio=10, MaxHeapFreeRatio=30}",
                "MinHeapFreeRatio=10", "MaxHeapFreeRatio=30", "G1PeriodicGCInterval=0");
    }

    @Test
    void optionsGivenOnTheCommandLineAreLeftAsGiven() throws Exception {
        assertThat(run("-XX:+UseG1GC", "-XX:MaxHeapFreeRatio=50", "-XX:G1PeriodicGCInterval=5000"))
            .containsExactly("applied {MinHeapFreeRatio=10}", "MinHeapFreeRatio=10", "MaxHeapFreeRatio=50",
                    "G1PeriodicGCInterval=5000");
    }

    /**
     * Apply the options in a new JVM started with the given options; its output: what was
     * applied, then each option's value.
     */
    private static List<String> run(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }

    static final class Probe {

        public static void main(String[] args) {
            System.out.println("applied " + IdleMemory.apply());
            HotSpotDiagnosticMXBean diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            for (String name : IdleMemory.OPTIONS.keySet()) {
                System.out.println(name + "=" + diagnostics.getVMOption(name).getValue());
            }
        }

    }

}
