-- Settings changed with `java -jar portal.jar configure` (forcing HTTPS, HSTS). A row
-- overrides application.yml and the environment until `configure --reset` removes it.
create table https_setting (
    name           varchar(100) primary key,
    setting_value  varchar(200) not null,
    updated_at     timestamp with time zone not null
);

-- What the portal remembers about HSTS across restarts: since when the header has been
-- sent, and the ramp's current max-age (seconds) and since when it has been on that step.
-- A single row, id 1.
create table hsts_state (
    id               int primary key,
    enabled_since    timestamp with time zone,
    ramp_max_age     bigint,
    ramp_step_since  timestamp with time zone
);
