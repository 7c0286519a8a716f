package io.portal.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.portal.binding.Binding;
import io.portal.binding.InvalidBindingException;
import io.portal.binding.Scheme;

/**
 * The bindings wizard's form: where to listen and, for HTTPS, which certificate (an
 * existing one, or a new self-signed one generated on Apply).
 */
public class BindingForm {

    static final String EXISTING = "existing";

    static final String SELF_SIGNED = "self-signed";

    private String name;

    private String scheme = "https";

    private String address;

    private String port;

    private String certificateMode = EXISTING;

    private String sslBundle;

    private String newCertificateName;

    private String newCertificateNames;

    private boolean editing;

    static BindingForm of(Binding binding) {
        BindingForm form = new BindingForm();
        form.name = binding.name();
        form.scheme = binding.scheme().id();
        form.address = binding.address();
        form.port = String.valueOf(binding.port());
        form.sslBundle = binding.sslBundle();
        form.editing = true;
        return form;
    }

    boolean generatesCertificate() {
        return isHttps() && SELF_SIGNED.equals(this.certificateMode);
    }

    boolean isHttps() {
        return "https".equalsIgnoreCase(this.scheme);
    }

    /**
     * The binding the form describes, with the certificate it will use.
     * @param previous the binding being edited, whose advanced TLS settings are kept
     * @return the binding
     */
    Binding toBinding(Binding previous) {
        String bundle = !isHttps() ? null : generatesCertificate() ? blankToNull(this.newCertificateName) : blankToNull(this.sslBundle);
        Scheme parsed = "https".equalsIgnoreCase(this.scheme) ? Scheme.HTTPS : Scheme.HTTP;
        return new Binding(trimmed(this.name), parsed, blankToNull(this.address), port(), bundle,
                (previous != null && isHttps()) ? previous.sni() : Map.of(), (previous != null) ? previous.protocols() : List.of(),
                (previous != null) ? previous.ciphers() : List.of(), (previous != null && !isHttps()) ? previous.redirectTo() : null,
                Binding.Source.RUNTIME);
    }

    /**
     * The port as a number: digits only, as the API takes it ({@code 8443.5} is no port).
     */
    private int port() {
        String text = (this.port != null) ? this.port.trim() : "";
        if (!text.matches("\\d{1,9}")) {
            throw new InvalidBindingException((this.name != null) ? this.name.trim() : "(unnamed)", "port",
                    text.isEmpty() ? "has no port" : "has port '" + InvalidBindingException.shown(text) + "', which is not a whole number",
                    "Enter a port between 1 and 65535, such as 8443.");
        }
        return Integer.parseInt(text);
    }

    List<String> subjectAlternativeNames() {
        if (this.newCertificateNames == null || this.newCertificateNames.isBlank()) {
            return List.of();
        }
        return Arrays.stream(this.newCertificateNames.split("[,\\s]+")).filter((s) -> !s.isBlank()).toList();
    }

    private static String blankToNull(String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }

    private static String trimmed(String value) {
        return (value != null) ? value.trim() : null;
    }

    public String getName() {
        return this.name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getScheme() {
        return this.scheme;
    }

    public void setScheme(String scheme) {
        this.scheme = scheme;
    }

    public String getAddress() {
        return this.address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getPort() {
        return this.port;
    }

    public void setPort(String port) {
        this.port = port;
    }

    public String getCertificateMode() {
        return this.certificateMode;
    }

    public void setCertificateMode(String certificateMode) {
        this.certificateMode = certificateMode;
    }

    public String getSslBundle() {
        return this.sslBundle;
    }

    public void setSslBundle(String sslBundle) {
        this.sslBundle = sslBundle;
    }

    public String getNewCertificateName() {
        return this.newCertificateName;
    }

    public void setNewCertificateName(String newCertificateName) {
        this.newCertificateName = newCertificateName;
    }

    public String getNewCertificateNames() {
        return this.newCertificateNames;
    }

    public void setNewCertificateNames(String newCertificateNames) {
        this.newCertificateNames = newCertificateNames;
    }

    public boolean isEditing() {
        return this.editing;
    }

    public void setEditing(boolean editing) {
        this.editing = editing;
    }

}
