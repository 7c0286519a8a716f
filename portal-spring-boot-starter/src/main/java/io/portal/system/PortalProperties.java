package io.portal.system;

import java.nio.file.Path;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * General portal settings.
 */
@ConfigurationProperties("portal")
@Validated
public class PortalProperties {

    /**
     * Name shown on the portal's pages.
     */
    @NotBlank(message = "must not be empty, such as Portal (the default)")
    @Size(max = 100, message = "must be at most 100 characters long")
    private String name = "Portal";

    /**
     * Directory that holds the portal's state: the embedded database and the generated
     * master key. Relative paths are resolved against the working directory.
     */
    @NotNull(message = "must name a directory, such as ./data (the default)")
    private Path dataDir = Path.of("data");

    /**
     * Master key that encrypts private keys at rest: 32 random bytes in base64, for
     * example from {@code openssl rand -base64 32}. Usually given as the environment
     * variable PORTAL_MASTER_KEY. When unset, a key is generated once into
     * {@code <data-dir>/master.key}.
     */
    private String masterKey;

    public String getName() {
        return this.name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Path getDataDir() {
        return this.dataDir;
    }

    public void setDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }

    public String getMasterKey() {
        return this.masterKey;
    }

    public void setMasterKey(String masterKey) {
        this.masterKey = masterKey;
    }

}
