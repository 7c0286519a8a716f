-- ACME accounts, one per CA directory. The account key pair is AES-GCM sealed under the
-- master key (bound to 'acme_account:<directory>'); it is the account, so it is created
-- once and reused.
create table acme_account (
    directory    varchar(1000) primary key,
    account_url  varchar(1000) not null,
    key_pair     varchar(20000) not null,
    created_at   timestamp with time zone not null
);

-- HTTP-01 challenges waiting for the CA, so that every node behind a load balancer (and a
-- portal answering for the 'certificates renew' command) can answer them.
create table acme_challenge (
    token              varchar(255) primary key,
    key_authorization  varchar(1000) not null,
    domain             varchar(255) not null,
    certificate        varchar(200) not null,
    created_at         timestamp with time zone not null
);

-- Renewal bookkeeping of each ACME certificate (the certificate itself is in
-- managed_certificate): the last error stays with the certificate, and the backoff
-- survives restarts.
create table acme_renewal (
    certificate           varchar(200) primary key,
    consecutive_failures  integer not null,
    last_error            varchar(4000),
    last_attempt_at       timestamp with time zone,
    next_attempt_at       timestamp with time zone,
    last_success_at       timestamp with time zone
);

-- Who is obtaining which certificate right now, so that two nodes, or a node and the
-- shell, do not order the same certificate twice. Expired locks are taken over.
create table acme_lock (
    name        varchar(200) primary key,
    owner       varchar(200) not null,
    expires_at  timestamp with time zone not null
);
