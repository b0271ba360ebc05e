-- People, sessions (the Lucia session model), invitations, the centre's workflow, the audit trail and
-- the notification outbox.

create table users (
  id text primary key,
  email text not null,
  name text not null,
  password_hash text not null,
  platform_role text check (platform_role in ('curator', 'admin')),
  active boolean not null default true,
  language text not null default 'ru' check (language in ('ru', 'en')),
  password_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email on users (lower(email));

create table memberships (
  user_id text not null references users (id) on delete cascade,
  org_id text not null references organizations (id) on delete cascade,
  role text not null check (role in ('member', 'admin')),
  created_at timestamptz not null default now(),
  primary key (user_id, org_id)
);
create index memberships_org on memberships (org_id);

-- Only a SHA-256 of the token's secret is stored: a leaked table does not let anyone sign in.
create table sessions (
  id text primary key,
  user_id text not null references users (id) on delete cascade,
  secret_hash bytea not null,
  created_at timestamptz not null default now(),
  last_verified_at timestamptz not null default now(),
  user_agent text,
  address text
);
create index sessions_user on sessions (user_id);

-- Failed sign-ins per account and per client address; shared by every app process.
create table login_throttle (
  key text primary key,
  failures integer not null default 0,
  blocked_until timestamptz,
  last_failure_at timestamptz not null default now()
);

create table invitations (
  id text primary key,
  token_hash bytea not null unique,
  kind text not null check (kind in ('organization', 'colleague')),
  org_id text not null references organizations (id) on delete cascade,
  email text not null,
  role text not null check (role in ('member', 'admin')),
  invited_by text not null references users (id),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by text references users (id),
  created_at timestamptz not null default now()
);
create index invitations_org on invitations (org_id);

-- Who did what, when and why. Rows are only ever added.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_user_id text,
  action text not null,
  entity text not null,
  entity_id text not null,
  reason text,
  details jsonb not null default '{}'
);
create index audit_log_entity on audit_log (entity, entity_id, id);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end
$$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_log_is_append_only();

create table notification_outbox (
  id bigint generated always as identity primary key,
  kind text not null,
  recipient text not null,
  subject text not null,
  body text not null,
  -- One reminder per certificate and expiry date, one introduction per pair: re-running a job adds nothing.
  dedupe_key text unique,
  created_at timestamptz not null default now(),
  available_at timestamptz not null default now(),
  attempts integer not null default 0,
  last_error text,
  sent_at timestamptz
);
create index notification_outbox_pending on notification_outbox (available_at, id) where sent_at is null;

alter table needs
  add column posted_by_org_id text references organizations (id) on delete set null,
  add column invited_org_ids text[] not null default '{}',
  add column submitted_at timestamptz,
  add column closed_at timestamptz;

alter table matches
  add column source text not null default 'core' check (source in ('core', 'manual')),
  add column status_reason text,
  add column status_changed_at timestamptz;

create table match_notes (
  id bigint generated always as identity primary key,
  need_id text not null,
  supplier_org_id text not null,
  author_user_id text not null references users (id),
  body text not null,
  created_at timestamptz not null default now(),
  foreign key (need_id, supplier_org_id) references matches (need_id, supplier_org_id) on delete cascade
);
