-- Who added and who last changed each runtime binding, for the origin the API and the
-- pages show ("changed by admin at ...").
alter table runtime_binding add column created_by varchar(100);
alter table runtime_binding add column updated_by varchar(100);

-- Fields of configuration-declared bindings changed at runtime (an override): one row per
-- changed field, its value as JSON. They win over application.yml and the environment
-- until they are reset; the other fields follow the configuration.
create table binding_override (
    name         varchar(63) not null,
    field        varchar(20) not null,
    field_value  varchar(8000),
    changed_by   varchar(100) not null,
    changed_at   timestamp with time zone not null,
    primary key (name, field)
);
