-- Who changed a stored HTTPS setting, and where: "admin" "on the settings page",
-- "admin (token 'ci')" "through the API", "alice" "with configure". Rows written before
-- this version have neither.
alter table https_setting add column changed_by varchar(200);
alter table https_setting add column changed_via varchar(100);

-- A token that a running portal made for the shell commands on its machine: the id of
-- that portal process. Such a token is accepted by that process only, and is replaced at
-- every start. Null for the tokens operators create.
alter table api_token add column local_to varchar(64);
