-- Supplier alerts: saved need searches and "needs like my capacities", the hits they found among newly
-- published needs, and the daily digests that told each member of the supplier about them.

create table supplier_alerts (
  id text primary key,
  org_id text not null references organizations (id) on delete cascade,
  kind text not null check (kind in ('search', 'capacities')),
  name text not null,
  status text not null default 'active' check (status in ('active', 'paused')),
  -- A saved search: the need search's own filters (src/services/search/searchNeeds.ts).
  q text,
  processes text[] not null default '{}',
  material text,
  required_certs text[] not null default '{}',
  region_code text,
  -- The distance is measured from a fixed point chosen at saving time: one of the supplier's sites or a city.
  site_id text references sites (id) on delete set null,
  near text,
  center_lat double precision check (center_lat between -90 and 90),
  center_lon double precision check (center_lon between -180 and 180),
  radius_km double precision check (radius_km > 0),
  -- "Needs like my capacities": the matching core's pairs scoring at least this much.
  min_score double precision check (min_score between 0 and 1),
  created_by text references users (id) on delete set null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((center_lat is null) = (center_lon is null) and (center_lat is null) = (radius_km is null)),
  check (kind = 'capacities' or min_score is null),
  check (kind = 'search' or (q is null and cardinality(processes) = 0 and material is null and cardinality(required_certs) = 0
                             and region_code is null and radius_km is null))
);
create index supplier_alerts_org on supplier_alerts (org_id, created_at);
create index supplier_alerts_active on supplier_alerts (kind) where status = 'active';

-- Each published need is compared with the alerts once, when its search document and its matches are current.
create table alert_scans (
  need_id text primary key references needs (id) on delete cascade,
  scanned_at timestamptz not null
);

create table alert_hits (
  alert_id text not null references supplier_alerts (id) on delete cascade,
  need_id text not null references needs (id) on delete cascade,
  org_id text not null references organizations (id) on delete cascade,
  score double precision,
  distance_km double precision,
  found_at timestamptz not null,
  primary key (alert_id, need_id)
);
create index alert_hits_org on alert_hits (org_id, found_at desc);
create index alert_hits_found on alert_hits (found_at);

-- Members who asked for no daily digest of an organization's alerts.
create table alert_digest_opt_outs (
  user_id text not null references users (id) on delete cascade,
  org_id text not null references organizations (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (user_id, org_id)
);

-- One digest per person and day; the needs it listed are never listed to that person again.
create table alert_digests (
  id bigint generated always as identity primary key,
  user_id text not null references users (id) on delete cascade,
  day date not null,
  sent_at timestamptz not null,
  need_ids text[] not null,
  unique (user_id, day)
);

create table alert_digest_needs (
  user_id text not null references users (id) on delete cascade,
  need_id text not null references needs (id) on delete cascade,
  digest_id bigint not null references alert_digests (id) on delete cascade,
  primary key (user_id, need_id)
);
