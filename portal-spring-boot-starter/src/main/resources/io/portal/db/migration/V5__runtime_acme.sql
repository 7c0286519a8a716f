-- ACME certificates requested at runtime, through the admin API or the Let's Encrypt
-- wizard (those declared in configuration are not stored here). The certificate the CA
-- issues is kept in managed_certificate (kind 'acme') like a configured one; the account
-- in acme_account, under the directory URL followed by '#' and the contact address.
create table acme_certificate (
    name              varchar(63) primary key,
    domains           varchar(4000) not null,
    directory         varchar(1000) not null,
    email             varchar(320),
    terms_of_service  varchar(1000),
    requested_by      varchar(100) not null,
    requested_at      timestamp with time zone not null
);

-- The ACME problem type of the last failure (such as 'connection' or 'dns'), so that the
-- pages can explain it after a restart too.
alter table acme_renewal add column last_problem_type varchar(100);
