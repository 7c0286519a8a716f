package io.portal.testsupport;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * An address of this machine that is not loopback, so that a test can be a client that
 * the portal sees as another machine.
 */
public final class OwnAddress {

    private OwnAddress() {
    }

    /**
     * This machine's first non-loopback IPv4 address of an interface that is up; the
     * test is skipped (failed on CI) when there is none.
     * @return the address
     */
    public static InetAddress nonLoopback() {
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!network.isUp() || network.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                        return address;
                    }
                }
            }
        }
        catch (SocketException ex) {
            // reported as missing below
        }
        MissingPart.skipOrFail("This machine has no non-loopback IPv4 address to act as another machine from");
        throw new IllegalStateException("unreachable");
    }

}
