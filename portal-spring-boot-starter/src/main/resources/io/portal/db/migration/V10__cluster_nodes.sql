-- The portals that share this store, each with what it last reported of itself.
create table portal_node (
    id                  varchar(64) primary key,
    name                varchar(255) not null,
    started_at          timestamp with time zone not null,
    last_seen_at        timestamp with time zone not null,
    last_followed_at    timestamp with time zone,
    follow_problem      varchar(1000),
    state               varchar(100000) not null
);
