package io.portal.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.StringUtils;

/**
 * Finds the master key: from {@code portal.master-key} (PORTAL_MASTER_KEY), else from
 * {@code <data-dir>/master.key}, else generates one into that file, readable by its owner
 * only. A key is never generated while the store holds data encrypted with another one,
 * and a key that does not match the store is refused rather than producing garbage.
 */
public class MasterKeyLoader {

    static final String KEY_ID = "master-key-id";

    private static final Log logger = LogFactory.getLog(MasterKeyLoader.class);

    private final String configuredKey;

    private final Path keyFile;

    private final PortalMetadata metadata;

    public MasterKeyLoader(String configuredKey, Path dataDir, PortalMetadata metadata) {
        this.configuredKey = configuredKey;
        this.keyFile = dataDir.toAbsolutePath().normalize().resolve("master.key");
        this.metadata = metadata;
    }

    public MasterKey load() {
        String storedId = this.metadata.get(KEY_ID).orElse(null);
        MasterKey key;
        String source;
        if (StringUtils.hasText(this.configuredKey)) {
            source = "PORTAL_MASTER_KEY (portal.master-key)";
            key = decode(this.configuredKey, source);
        }
        else if (Files.exists(this.keyFile)) {
            source = this.keyFile.toString();
            key = decode(read(this.keyFile), source);
            warnIfReadableByOthers();
        }
        else if (storedId != null) {
            throw new MasterKeyException("The master key is missing: neither PORTAL_MASTER_KEY nor " + this.keyFile
                    + " is present, but the state store holds secrets encrypted with master key " + storedId + ".",
                    "Restore the key: put the backed-up master.key back into the data directory or set "
                            + "PORTAL_MASTER_KEY to it. A new key cannot decrypt the stored private keys; only if the "
                            + "key is lost for good, start with an empty data directory or database.");
        }
        else {
            source = this.keyFile.toString();
            key = generate();
        }
        String expected = this.metadata.putIfAbsent(KEY_ID, key.id());
        if (!expected.equals(key.id())) {
            throw new MasterKeyException("The master key from " + source + " (id " + key.id()
                    + ") is not the key that encrypted the secrets in the state store (id " + expected + ").",
                    "Use the master key this store was created with (PORTAL_MASTER_KEY or " + this.keyFile
                            + "). Portals that share one database must share one master key.");
        }
        return key;
    }

    private MasterKey decode(String encoded, String source) {
        byte[] material;
        try {
            material = Base64.getDecoder().decode(encoded.trim());
        }
        catch (IllegalArgumentException ex) {
            throw invalid(source, "is not valid base64");
        }
        if (material.length != MasterKey.LENGTH) {
            throw invalid(source, "holds " + material.length + " bytes instead of " + MasterKey.LENGTH);
        }
        return new MasterKey(material);
    }

    private MasterKeyException invalid(String source, String problem) {
        return new MasterKeyException("The master key from " + source + " " + problem + ".",
                "Give a key of 32 random bytes in base64, for example the output of 'openssl rand -base64 32'.");
    }

    private String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        }
        catch (IOException ex) {
            throw new MasterKeyException("The master key file " + file + " cannot be read: " + ex.getMessage() + ".",
                    "Make the file readable by the user that runs the portal, or set PORTAL_MASTER_KEY.");
        }
    }

    private MasterKey generate() {
        byte[] material = new byte[MasterKey.LENGTH];
        new SecureRandom().nextBytes(material);
        String encoded = Base64.getEncoder().encodeToString(material) + "\n";
        try {
            Files.createDirectories(this.keyFile.getParent());
            if (supportsPosix()) {
                Files.createFile(this.keyFile,
                        PosixFilePermissions.asFileAttribute(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
            }
            else {
                Files.createFile(this.keyFile);
            }
            Files.writeString(this.keyFile, encoded, StandardCharsets.US_ASCII);
        }
        catch (FileAlreadyExistsException ex) {
            return decode(read(this.keyFile), this.keyFile.toString());
        }
        catch (IOException ex) {
            throw new MasterKeyException("A master key cannot be written to " + this.keyFile + ": " + ex.getMessage() + ".",
                    "Make the data directory (portal.data-dir) writable, or set PORTAL_MASTER_KEY.");
        }
        logger.warn("Generated a new master key in " + this.keyFile + ". Back this file up: without it the private "
                + "keys in the state store cannot be decrypted.");
        return new MasterKey(material);
    }

    private void warnIfReadableByOthers() {
        if (!supportsPosix()) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(this.keyFile);
            if (permissions.stream().anyMatch((p) -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                logger.warn("The master key file " + this.keyFile + " is readable by other users (" + PosixFilePermissions.toString(permissions)
                        + "). Restrict it with: chmod 600 " + this.keyFile);
            }
        }
        catch (IOException ex) {
            // Permissions are advisory here; the key itself was read successfully.
        }
    }

    private boolean supportsPosix() {
        return this.keyFile.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

}
