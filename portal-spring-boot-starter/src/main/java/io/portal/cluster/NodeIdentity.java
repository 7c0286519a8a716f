package io.portal.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Who this node is among those sharing the store: the same at every start of the same
 * installation (its host and data directory), so a restarted node takes its own row back.
 *
 * @param id a stable identifier
 * @param name what it is listed as
 */
public record NodeIdentity(String id, String name) {

    static NodeIdentity of(String configuredName, Path dataDir) {
        String host = hostName();
        String name = (configuredName != null && !configuredName.isBlank()) ? configuredName.strip() : host;
        String source = host + "\n" + dataDir.toAbsolutePath().normalize();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return new NodeIdentity(HexFormat.of().formatHex(digest, 0, 8), name);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException ex) {
            return "localhost";
        }
    }

}
