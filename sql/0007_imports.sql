-- Bulk imports of enterprises (issue 8). A dry run from the web keeps its upload here, so the import button
-- re-validates exactly the file the curator looked at; the job row carries the progress other requests poll.
create table import_jobs (
  id text primary key,
  created_by text references users (id) on delete set null,
  file_names text[] not null,
  cluster_ids text[] not null default '{}',
  status text not null check (status in ('checked', 'running', 'done', 'failed')),
  report jsonb not null,
  rows_total integer not null default 0 check (rows_total >= 0),
  rows_done integer not null default 0 check (rows_done >= 0),
  result jsonb,
  error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz
);
create index import_jobs_created_by on import_jobs (created_by, created_at);

-- The uploaded files of a job until it has been imported.
create table import_job_files (
  job_id text not null references import_jobs (id) on delete cascade,
  position smallint not null,
  name text not null,
  content bytea not null,
  primary key (job_id, position)
);
