-- Core domain of the exchange: clusters, organizations, their sites, certificates, capacities and needs,
-- and the search outbox that carries every searchable change to Meilisearch.

create table clusters (
  id text primary key,
  name_ru text not null,
  name_en text not null,
  sector text not null,
  region_codes text[] not null,
  lat double precision not null check (lat between -90 and 90),
  lon double precision not null check (lon between -180 and 180),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table organizations (
  id text primary key,
  name text not null,
  inn text not null unique,
  ogrn text unique,
  kinds text[] not null check (cardinality(kinds) > 0 and kinds <@ array['contractor', 'supplier', 'centre']),
  sme_size text check (sme_size in ('micro', 'small', 'medium', 'large')),
  verification text not null default 'unverified' check (verification in ('unverified', 'verified')),
  description text not null default '',
  website text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table organization_clusters (
  org_id text not null references organizations (id) on delete cascade,
  cluster_id text not null references clusters (id) on delete cascade,
  primary key (org_id, cluster_id)
);
create index organization_clusters_cluster on organization_clusters (cluster_id);

create table sites (
  id text primary key,
  org_id text not null references organizations (id) on delete cascade,
  name text not null,
  address text not null,
  city text,
  region_code text not null,
  lat double precision not null check (lat between -90 and 90),
  lon double precision not null check (lon between -180 and 180),
  precision text not null check (precision in ('exact', 'city', 'settlement', 'region')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index sites_org on sites (org_id);

create table certificates (
  id text primary key,
  org_id text not null references organizations (id) on delete cascade,
  standard text not null,
  number text not null,
  issuer text not null,
  valid_from date not null,
  valid_until date check (valid_until is null or valid_until >= valid_from),
  scope text not null default '',
  status text not null default 'unverified' check (status in ('unverified', 'verified', 'rejected')),
  status_reason text,
  status_changed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index certificates_org on certificates (org_id);

create table capacities (
  id text primary key,
  org_id text not null references organizations (id) on delete cascade,
  site_id text not null references sites (id) on delete cascade,
  title text not null,
  processes text[] not null check (cardinality(processes) > 0),
  equipment text not null default '',
  materials text[] not null default '{}',
  length_mm double precision check (length_mm > 0),
  width_mm double precision check (width_mm > 0),
  height_mm double precision check (height_mm > 0),
  mass_kg double precision check (mass_kg > 0),
  it_grade smallint check (it_grade between 1 and 18),
  roughness_ra double precision check (roughness_ra > 0),
  batch_min integer check (batch_min >= 1),
  batch_max integer check (batch_max >= 1),
  free_hours jsonb not null default '[]',
  lead_time_days integer check (lead_time_days >= 0),
  description_ru text not null default '',
  description_en text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (batch_min is null or batch_max is null or batch_min <= batch_max)
);
create index capacities_org on capacities (org_id);
create index capacities_site on capacities (site_id);

create table needs (
  id text primary key,
  org_id text not null references organizations (id) on delete cascade,
  title text not null,
  description text not null default '',
  processes text[] not null check (cardinality(processes) > 0),
  materials text[] not null default '{}',
  length_mm double precision check (length_mm > 0),
  width_mm double precision check (width_mm > 0),
  height_mm double precision check (height_mm > 0),
  mass_kg double precision check (mass_kg > 0),
  it_grade smallint check (it_grade between 1 and 18),
  roughness_ra double precision check (roughness_ra > 0),
  quantity integer check (quantity >= 1),
  batch_size integer check (batch_size >= 1),
  machine_hours double precision check (machine_hours > 0),
  required_certs text[] not null default '{}',
  preferred_certs text[] not null default '{}',
  strict_national boolean not null default false,
  delivery_address text not null,
  delivery_city text,
  delivery_region_code text not null,
  delivery_lat double precision not null check (delivery_lat between -90 and 90),
  delivery_lon double precision not null check (delivery_lon between -180 and 180),
  delivery_precision text not null check (delivery_precision in ('exact', 'city', 'settlement', 'region')),
  max_distance_km double precision check (max_distance_km > 0),
  deadline date not null,
  visibility text not null default 'public' check (visibility in ('public', 'cluster', 'invited')),
  status text not null default 'draft' check (status in ('draft', 'submitted', 'published', 'closed', 'cancelled')),
  cluster_id text references clusters (id) on delete set null,
  weights jsonb,
  published_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index needs_org on needs (org_id);
create index needs_status on needs (status);

-- Written in the same transaction as the business change; the worker re-reads the current row, so
-- the outbox carries only which document to refresh, never its content.
create table search_outbox (
  id bigint generated always as identity primary key,
  entity text not null check (entity in ('capacity', 'need')),
  entity_id text not null,
  created_at timestamptz not null default now(),
  available_at timestamptz not null default now(),
  attempts integer not null default 0,
  last_error text,
  processed_at timestamptz
);
create index search_outbox_pending on search_outbox (available_at, id) where processed_at is null;
