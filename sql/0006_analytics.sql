-- Indexes for the centre's analytics: every indicator starts from the needs published in a period, and the
-- time to an introduction is read from the audit log, the one record of every step (a pair's own
-- status_changed_at is overwritten by the steps after it).

create index needs_published_at on needs (published_at) where published_at is not null;

create index audit_log_match_introductions on audit_log ((details ->> 'needId'), at) where action = 'match.introduce';
