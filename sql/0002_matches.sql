-- Persisted results of the matching core, so curators act on a stable list and reads stay cheap.
-- Recomputation is queued in match_outbox by the search worker once the changed documents are
-- searchable: retrieval reads Meilisearch, so computing earlier would use a stale index.

create table matches (
  need_id text not null references needs (id) on delete cascade,
  supplier_org_id text not null references organizations (id) on delete cascade,
  score double precision not null check (score between 0 and 1),
  breakdown jsonb not null,
  explanation jsonb not null,
  capacity_ids text[] not null,
  certificates jsonb not null default '[]',
  distance_km double precision not null,
  status text not null default 'suggested',
  computed_at timestamptz not null,
  primary key (need_id, supplier_org_id)
);
create index matches_supplier on matches (supplier_org_id);
create index matches_capacities on matches using gin (capacity_ids);

-- Suppliers that fail exactly one hard constraint: the curator's second list and, later, the
-- certification-gap analytics.
create table near_misses (
  need_id text not null references needs (id) on delete cascade,
  supplier_org_id text not null references organizations (id) on delete cascade,
  failed_constraint text not null,
  miss jsonb not null,
  explanation jsonb not null,
  score double precision not null check (score between 0 and 1),
  distance_km double precision,
  capacity_ids text[] not null default '{}',
  computed_at timestamptz not null,
  primary key (need_id, supplier_org_id)
);
create index near_misses_supplier on near_misses (supplier_org_id);
create index near_misses_constraint on near_misses (failed_constraint);

create table match_runs (
  need_id text primary key references needs (id) on delete cascade,
  computed_at timestamptz not null,
  need_updated_at timestamptz not null,
  candidates integer not null,
  truncated boolean not null
);

create table match_outbox (
  id bigint generated always as identity primary key,
  subject text not null check (subject in ('need', 'supplier')),
  subject_id text not null,
  created_at timestamptz not null default now(),
  available_at timestamptz not null default now(),
  attempts integer not null default 0,
  last_error text,
  processed_at timestamptz
);
create index match_outbox_pending on match_outbox (available_at, id) where processed_at is null;
