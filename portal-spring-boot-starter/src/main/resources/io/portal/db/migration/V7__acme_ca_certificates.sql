-- The CA certificates (PEM) an operator gave with a certificate requested at runtime from
-- a private ACME CA (step-ca, an internal CA): trusted for that CA's directory only, in
-- addition to the JVM's CAs and portal.acme.trust-store.
alter table acme_certificate add column ca_certificates varchar(20000);
