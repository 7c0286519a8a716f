package io.portal.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import io.portal.binding.Binding;
import io.portal.binding.BindingValidator;
import io.portal.binding.InvalidBindingException;
import io.portal.binding.ListenerUnavailableException;

/**
 * Tries a binding's port before Tomcat does, so that a taken or forbidden port is
 * reported with the binding's name rather than as a bare connector failure.
 */
final class PortProbe {

    private PortProbe() {
    }

    static void check(Binding binding) {
        InetSocketAddress address = binding.isWildcard() ? new InetSocketAddress(binding.port())
                : new InetSocketAddress(binding.address(), binding.port());
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
        }
        catch (BindException ex) {
            throw explain(binding, ex);
        }
        catch (IOException ex) {
            throw new ListenerUnavailableException(binding.name(), "port", "cannot listen on " + where(binding) + ": " + ex.getMessage(),
                    "Check " + BindingValidator.setting(binding, "address") + " and " + BindingValidator.setting(binding, "port") + ".");
        }
    }

    static InvalidBindingException explain(Binding binding, Exception ex) {
        String message = String.valueOf(ex.getMessage()).toLowerCase();
        String name = binding.name();
        if (message.contains("permission denied") || message.contains("access")) {
            return new ListenerUnavailableException(name, "port", "cannot listen on " + where(binding)
                    + ": ports below 1024 need privileges this process does not have",
                    "Run with CAP_NET_BIND_SERVICE (for example: setcap cap_net_bind_service=+ep on the java binary), "
                            + "or listen on a port above 1023 (" + BindingValidator.setting(binding, "port") + ") and forward to it.");
        }
        if (message.contains("assign") || message.contains("not available")) {
            return new ListenerUnavailableException(name, "address", "cannot listen on " + where(binding)
                    + ": the address does not belong to this machine",
                    "Set " + BindingValidator.setting(binding, "address") + " to one of this machine's addresses, or remove it to "
                            + "listen on every interface.");
        }
        return new ListenerUnavailableException(name, "port", "cannot listen on " + where(binding)
                + ": the port is already in use by another process",
                "Stop the process that listens on port " + binding.port() + " (see 'ss -ltnp'), or choose another port "
                        + "with " + BindingValidator.setting(binding, "port") + ".");
    }

    private static String where(Binding binding) {
        return (binding.isWildcard() ? "*" : binding.address()) + ":" + binding.port();
    }

}
