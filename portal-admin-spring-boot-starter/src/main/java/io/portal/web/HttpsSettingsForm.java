package io.portal.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTPS settings form: the values as text, as the API and {@code configure} take them,
 * and the HTTPS binding each HTTP binding redirects to.
 */
public class HttpsSettingsForm {

    /**
     * The value of a redirect-to choice that leaves it to the portal (the HTTPS binding on
     * the same address, or the only one).
     */
    static final String AUTOMATIC = "";

    private boolean redirectHttpToHttps;

    private String redirectStatus = "308";

    private boolean hstsEnabled;

    private String hstsMaxAge = "1h";

    private boolean hstsIncludeSubDomains;

    private boolean hstsPreload;

    private boolean hstsRamp;

    private Map<String, String> redirectTo = new LinkedHashMap<>();

    static HttpsSettingsForm of(Map<String, Object> values) {
        HttpsSettingsForm form = new HttpsSettingsForm();
        form.redirectHttpToHttps = Boolean.TRUE.equals(values.get("redirectHttpToHttps"));
        form.redirectStatus = String.valueOf(values.get("redirectStatus"));
        form.hstsEnabled = Boolean.TRUE.equals(values.get("hstsEnabled"));
        form.hstsMaxAge = String.valueOf(values.get("hstsMaxAge"));
        form.hstsIncludeSubDomains = Boolean.TRUE.equals(values.get("hstsIncludeSubDomains"));
        form.hstsPreload = Boolean.TRUE.equals(values.get("hstsPreload"));
        form.hstsRamp = Boolean.TRUE.equals(values.get("hstsRamp"));
        return form;
    }

    Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("redirectHttpToHttps", String.valueOf(this.redirectHttpToHttps));
        values.put("redirectStatus", this.redirectStatus);
        values.put("hstsEnabled", String.valueOf(this.hstsEnabled));
        values.put("hstsMaxAge", this.hstsMaxAge);
        values.put("hstsIncludeSubDomains", String.valueOf(this.hstsIncludeSubDomains));
        values.put("hstsPreload", String.valueOf(this.hstsPreload));
        values.put("hstsRamp", String.valueOf(this.hstsRamp));
        return values;
    }

    public boolean isRedirectHttpToHttps() {
        return this.redirectHttpToHttps;
    }

    public void setRedirectHttpToHttps(boolean redirectHttpToHttps) {
        this.redirectHttpToHttps = redirectHttpToHttps;
    }

    public String getRedirectStatus() {
        return this.redirectStatus;
    }

    public void setRedirectStatus(String redirectStatus) {
        this.redirectStatus = redirectStatus;
    }

    public boolean isHstsEnabled() {
        return this.hstsEnabled;
    }

    public void setHstsEnabled(boolean hstsEnabled) {
        this.hstsEnabled = hstsEnabled;
    }

    public String getHstsMaxAge() {
        return this.hstsMaxAge;
    }

    public void setHstsMaxAge(String hstsMaxAge) {
        this.hstsMaxAge = hstsMaxAge;
    }

    public boolean isHstsIncludeSubDomains() {
        return this.hstsIncludeSubDomains;
    }

    public void setHstsIncludeSubDomains(boolean hstsIncludeSubDomains) {
        this.hstsIncludeSubDomains = hstsIncludeSubDomains;
    }

    public boolean isHstsPreload() {
        return this.hstsPreload;
    }

    public void setHstsPreload(boolean hstsPreload) {
        this.hstsPreload = hstsPreload;
    }

    /**
     * The HTTPS binding each HTTP binding redirects to, by the HTTP binding's name;
     * {@link #AUTOMATIC} for the portal's choice.
     * @return the choices
     */
    public Map<String, String> getRedirectTo() {
        return this.redirectTo;
    }

    public void setRedirectTo(Map<String, String> redirectTo) {
        this.redirectTo = redirectTo;
    }

    public boolean isHstsRamp() {
        return this.hstsRamp;
    }

    public void setHstsRamp(boolean hstsRamp) {
        this.hstsRamp = hstsRamp;
    }

}
