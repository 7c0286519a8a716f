-- Every committed change to state that portals apply is announced to the portals sharing
-- this schema (LISTEN "portal_<schema>"), once per statement; the payload names the table.
-- Notifications are sent when the transaction commits, never for one that rolls back.
create or replace function portal_announce_change() returns trigger language plpgsql as $$
begin
    perform pg_notify('portal_' || tg_table_schema, tg_table_name);
    return null;
end;
$$;

create trigger portal_announce after insert or update or delete on managed_certificate
    for each statement execute function portal_announce_change();
create trigger portal_announce after insert or update or delete on https_setting
    for each statement execute function portal_announce_change();
create trigger portal_announce after insert or update or delete on runtime_binding
    for each statement execute function portal_announce_change();
create trigger portal_announce after insert or update or delete on binding_override
    for each statement execute function portal_announce_change();
create trigger portal_announce after insert or update or delete on acme_certificate
    for each statement execute function portal_announce_change();
