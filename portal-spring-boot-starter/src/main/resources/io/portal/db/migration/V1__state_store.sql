-- Facts about the store itself, such as the identifier of the master key that encrypts it.
create table portal_meta (
    name        varchar(100) primary key,
    meta_value  varchar(1000) not null
);

-- Certificates the portal manages itself (generated self-signed now, ACME-issued later).
-- The private key is AES-GCM encrypted under the master key; the chain is public PEM.
create table managed_certificate (
    name               varchar(200) primary key,
    kind               varchar(20) not null,
    spec               varchar(4000) not null,
    certificate_chain  varchar(100000) not null,
    private_key        varchar(20000) not null,
    not_before         timestamp with time zone not null,
    not_after          timestamp with time zone not null,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null
);
