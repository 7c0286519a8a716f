package io.portal.acme;

import java.util.List;

import io.portal.binding.BindingPlan;

/**
 * What requesting an ACME certificate will do, before it is done: the ordered steps, the
 * warnings, and the equivalent API call and configuration.
 *
 * @param name the certificate's name
 * @param domains the normalized domains
 * @param directory the CA, as its directory describes it
 * @param email the account's contact address, or {@code null}
 * @param summary one sentence
 * @param steps the steps in the order they are carried out
 * @param warnings what may keep it from working, in plain words
 * @param curl the API call that makes the same request
 * @param yaml the configuration that declares the same certificate
 */
public record AcmePlan(String name, List<String> domains, AcmeDirectory directory, String email, String summary,
        List<BindingPlan.Step> steps, List<String> warnings, List<String> curl, String yaml) {
}
