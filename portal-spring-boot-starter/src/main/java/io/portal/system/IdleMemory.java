package io.portal.system;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Lets the JVM give memory back to the system once the portal is idle, through the VM
 * options that can be changed in a running JVM ("manageable" ones): with G1, a periodic
 * collection after a minute without one, and a heap that shrinks at each collection to at
 * most 30 % free (the JVM's defaults keep up to 70 % of a heap free, and collect only when
 * it fills, so memory taken under load stays taken while the portal idles).
 * <p>
 * An option given on the command line is left as given; an option this JVM does not have,
 * or cannot change, is skipped. What is set is logged at debug level.
 */
public final class IdleMemory {

    private static final Log logger = LogFactory.getLog(IdleMemory.class);

    /**
     * The options and their values, in the order they are set: the lower bound of free
     * heap first, so that the upper one never falls below it.
     */
    static final Map<String, String> OPTIONS = options();

    private IdleMemory() {
    }

    private static Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("MinHeapFreeRatio", "10");
        options.put("MaxHeapFreeRatio", "30");
        // Milliseconds. G1 only: a concurrent cycle when no collection ran for this long, after
        // which G1 returns the free part of the heap above MaxHeapFreeRatio to the system.
        options.put("G1PeriodicGCInterval", "60000");
        return options;
    }

    /**
     * Set the options this JVM lets change and the operator left at their defaults.
     * @return the options set, with their values
     */
    public static Map<String, String> apply() {
        Map<String, String> applied = new LinkedHashMap<>();
        HotSpotDiagnosticMXBean diagnostics;
        try {
            diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        }
        catch (RuntimeException | LinkageError ex) {
            logger.debug("No HotSpot diagnostics in this JVM; its memory settings are left as they are", ex);
            return applied;
        }
        if (diagnostics == null) {
            return applied;
        }
        boolean g1 = usesG1(ManagementFactory.getGarbageCollectorMXBeans());
        OPTIONS.forEach((name, value) -> {
            if (name.startsWith("G1") && !g1) {
                return;
            }
            try {
                VMOption option = diagnostics.getVMOption(name);
                if (!option.isWriteable() || option.getOrigin() != VMOption.Origin.DEFAULT) {
                    logger.debug("VM option " + name + " left at " + option.getValue() + " (" + option.getOrigin() + ")");
                    return;
                }
                diagnostics.setVMOption(name, value);
                applied.put(name, value);
            }
            catch (IllegalArgumentException ex) {
                logger.debug("VM option " + name + " not set: " + ex.getMessage());
            }
        });
        if (!applied.isEmpty() && logger.isDebugEnabled()) {
            logger.debug("Set VM options so that memory returns to the system when idle: " + applied);
        }
        return applied;
    }

    static boolean usesG1(List<GarbageCollectorMXBean> collectors) {
        return collectors.stream().anyMatch((collector) -> collector.getName().startsWith("G1 "));
    }

}
