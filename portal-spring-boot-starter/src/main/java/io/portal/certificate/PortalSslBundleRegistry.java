package io.portal.certificate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;

/**
 * The portal's SSL bundle registry. It behaves like Spring Boot's default registry and in
 * addition lets a bundle registered at runtime (an imported or generated certificate) be
 * removed again, so that its name can be reused. Those that follow bundles learn of a
 * removal through {@link #addBundleUnregisterHandler}. Thread-safe.
 */
public class PortalSslBundleRegistry implements SslBundleRegistry, SslBundles {

    private static final Log logger = LogFactory.getLog(PortalSslBundleRegistry.class);

    private final Map<String, Registered> bundles = new ConcurrentHashMap<>();

    private final List<BiConsumer<String, SslBundle>> registerHandlers = new CopyOnWriteArrayList<>();

    private final List<Consumer<String>> unregisterHandlers = new CopyOnWriteArrayList<>();

    @Override
    public void registerBundle(String name, SslBundle bundle) {
        Registered previous = this.bundles.putIfAbsent(name, new Registered(bundle));
        if (previous != null) {
            throw new IllegalStateException("Cannot replace existing SSL bundle '" + name + "'");
        }
        this.registerHandlers.forEach((handler) -> handler.accept(name, bundle));
    }

    @Override
    public void updateBundle(String name, SslBundle updatedBundle) {
        Registered registered = registered(name);
        registered.bundle = updatedBundle;
        if (registered.handlers.isEmpty()) {
            logger.debug("SSL bundle '" + name + "' was updated; nothing uses it yet");
        }
        registered.handlers.forEach((handler) -> handler.accept(updatedBundle));
    }

    /**
     * Remove a bundle. The caller makes sure that nothing uses it any more.
     * @param name the bundle's name
     */
    public void unregister(String name) {
        registered(name);
        this.bundles.remove(name);
        this.unregisterHandlers.forEach((handler) -> handler.accept(name));
    }

    /**
     * Be told when a bundle is removed. The update handlers of a removed bundle are
     * dropped with it; a bundle registered again under the same name reaches the
     * {@linkplain #addBundleRegisterHandler register handlers} like any new one.
     * @param unregisterHandler called with the bundle's name after it was removed
     */
    public void addBundleUnregisterHandler(Consumer<String> unregisterHandler) {
        this.unregisterHandlers.add(unregisterHandler);
    }

    @Override
    public SslBundle getBundle(String name) {
        return registered(name).bundle;
    }

    @Override
    public void addBundleUpdateHandler(String name, Consumer<SslBundle> updateHandler) {
        registered(name).handlers.add(updateHandler);
    }

    @Override
    public void addBundleRegisterHandler(BiConsumer<String, SslBundle> registerHandler) {
        this.registerHandlers.add(registerHandler);
    }

    @Override
    public List<String> getBundleNames() {
        List<String> names = new ArrayList<>(this.bundles.keySet());
        Collections.sort(names);
        return Collections.unmodifiableList(names);
    }

    private Registered registered(String name) {
        Registered registered = this.bundles.get(name);
        if (registered == null) {
            throw new NoSuchSslBundleException(name, "SSL bundle name '" + name + "' cannot be found");
        }
        return registered;
    }

    private static final class Registered {

        private volatile SslBundle bundle;

        private final List<Consumer<SslBundle>> handlers = new CopyOnWriteArrayList<>();

        Registered(SslBundle bundle) {
            this.bundle = bundle;
        }

    }

}
