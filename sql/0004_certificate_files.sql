-- The scanned certificate a curator checks against the issuer's register. Kept in PostgreSQL, with the
-- row it proves: one backup holds both, and a deleted certificate takes its file with it.
create table certificate_files (
  certificate_id text primary key references certificates (id) on delete cascade,
  file_name text not null,
  content_type text not null check (content_type in ('application/pdf', 'image/png', 'image/jpeg')),
  size_bytes integer not null check (size_bytes > 0),
  content bytea not null,
  uploaded_by text references users (id) on delete set null,
  uploaded_at timestamptz not null default now()
);
