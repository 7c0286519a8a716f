package io.portal.system;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * General portal settings.
 */
@ConfigurationProperties("portal")
public class PortalProperties {

    /**
     * Name shown on the portal's pages.
     */
    private String name = "Portal";

    /**
     * Directory that holds the portal's state: the embedded database and the generated
     * master key. Relative paths are resolved against the working directory.
     */
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
