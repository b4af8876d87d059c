#!/usr/bin/env bash
# Makes a journal of DAYS days ending 2026-03-04 for two partners, with every kind of entry
# at a plausible rate: about 75,000 entries for 3,650 days (ten years).
#
#   bench/generate.sh REBUILD_BINARY JOURNAL DAYS
#
# The journal is created by rebuild itself (schema, partners, settings); the entries (and the
# undo history rebuild keeps for each) are written by sqlite3 in one transaction, into the
# same tables rebuild writes, because
# 75,000 separate rebuild runs would take longer than the benchmark.
set -euo pipefail
bin=$1 journal=$2 days=$3
rm -f "$journal" "$journal-wal" "$journal-shm"
start=$(date -d "2026-03-04 - $((days - 1)) days" +%F)
REBUILD_NOW=2026-03-04T06:00 "$bin" --journal "$journal" init --partner Dan --partner Sam --start "$start" > /dev/null

sqlite3 "$journal" <<SQL
PRAGMA foreign_keys = ON;
BEGIN IMMEDIATE;
CREATE TEMP TABLE plan (kind TEXT, per_day REAL, every INTEGER);
-- per_day entries a day for the pair, or one every N days
INSERT INTO plan VALUES
  ('checkin', 2, 1), ('gesture', 9, 1), ('bid', 5, 1), ('repair', 3, 1),
  ('touch', 1, 2), ('timeout', 1, 7), ('concern', 1, 7), ('initiation', 1, 3),
  ('rating', 2, 7), ('ritual-kept', 1, 7),
  ('trigger-hit', 1, 5), ('thought', 1, 14), ('celebration', 1, 30),
  ('therapy-session', 1, 14), ('homework', 1, 14), ('story', 1, 60), ('review', 2, 91),
  ('transparency', 1, 365);
CREATE TEMP TABLE days AS
  WITH RECURSIVE d(n, day) AS (
    SELECT 0, date('$start') UNION ALL SELECT n + 1, date(day, '+1 day') FROM d WHERE n + 1 < $days)
  SELECT n, day FROM d;
CREATE TEMP TABLE seq AS
  WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 9) SELECT i FROM s;

INSERT INTO entries (uuid, kind, author, day, time, at_utc, created_utc, updated_utc)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2)
             || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       p.kind, 1 + (seq.i % 2), days.day,
       printf('%02d:%02d', 7 + (seq.i * 2) % 14, (days.n * 7 + seq.i * 11) % 60),
       days.day || 'T06:00:00Z', days.day || 'T06:00:00Z', days.day || 'T06:00:00Z'
FROM days JOIN plan p JOIN seq
WHERE seq.i < p.per_day AND days.n % p.every = 0
ORDER BY days.day, p.kind, seq.i;

INSERT INTO checkins (entry_id, mood, stress, appreciation, minutes, phones_away)
  SELECT id, 1 + abs(random()) % 10, 1 + abs(random()) % 10, 'Thanks for the coffee', 5 + abs(random()) % 20, abs(random()) % 2
  FROM entries WHERE kind = 'checkin';
INSERT INTO gestures (entry_id, text) SELECT id, 'A long hug' FROM entries WHERE kind = 'gesture';
INSERT INTO bids (entry_id, text, response)
  SELECT id, 'Showed a photo', CASE abs(random()) % 4 WHEN 3 THEN 'away' WHEN 2 THEN 'against' ELSE 'toward' END
  FROM entries WHERE kind = 'bid';
INSERT INTO repairs (entry_id, text, accepted, apology, reassurance, commitment)
  SELECT id, 'Sorry, let me try again', abs(random()) % 2,
         CASE WHEN id % 5 = 0 THEN 'I am sorry' END, CASE WHEN id % 5 = 0 THEN 'I am here' END,
         CASE WHEN id % 5 = 0 THEN 'We pause first' END
  FROM entries WHERE kind = 'repair';
INSERT INTO thoughts (entry_id, text, evidence, reframe) SELECT id, 'We will never recover', 'We laughed on Sunday', 'We are recovering' FROM entries WHERE kind = 'thought';
INSERT INTO celebrations (entry_id, text) SELECT id, 'A whole evening of talk' FROM entries WHERE kind = 'celebration';
INSERT INTO therapy_sessions (entry_id, note) SELECT id, 'We practised the repair' FROM entries WHERE kind = 'therapy-session';
INSERT INTO homework (entry_id, text) SELECT id, 'Ten minutes of talk each night' FROM entries WHERE kind = 'homework';
INSERT INTO stories (entry_id, title, happened, needed, possible) SELECT id, 'The dinner', 'I came home late', 'To matter', 'A call' FROM entries WHERE kind = 'story';
INSERT INTO reviews (entry_id, good, heavy, next) SELECT id, 'The walks', 'Mornings', 'A weekend away' FROM entries WHERE kind = 'review';
INSERT INTO transparency (entry_id, text, until) SELECT id, 'I share my calendar', date(day, '+30 days') FROM entries WHERE kind = 'transparency';
INSERT INTO touch_sessions (entry_id, stage, minutes, giver, signal)
  SELECT id, 1, 5 + abs(random()) % 10, author, 'green' FROM entries WHERE kind = 'touch';
INSERT INTO timeouts (entry_id, phrase) SELECT id, 'I need a pause' FROM entries WHERE kind = 'timeout';
INSERT INTO concerns (entry_id, describe, impact, ask) SELECT id, 'When plans change', 'I feel second', 'Text me' FROM entries WHERE kind = 'concern';
INSERT INTO initiations (entry_id, tier, accepted) SELECT id, CASE id % 3 WHEN 0 THEN 'adventure' ELSE 'connection' END, id % 2 FROM entries WHERE kind = 'initiation';
INSERT INTO ratings (entry_id, rating) SELECT id, abs(random()) % 11 FROM entries WHERE kind = 'rating';

-- Five triggers for the firings to point at.
INSERT INTO entries (uuid, kind, author, day, at_utc, created_utc, updated_utc)
  SELECT printf('00000000-0000-4000-8000-0000000002%02d', i), 'trigger', 1 + i % 2, date('$start'), '$start' || 'T06:00:00Z', '$start' || 'T06:00:00Z', '$start' || 'T06:00:00Z'
  FROM (WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 5) SELECT i FROM s);
INSERT INTO triggers (entry_id, text, response) SELECT id, 'Trigger ' || id, 'Pause, then talk' FROM entries WHERE kind = 'trigger';
INSERT INTO trigger_hits (entry_id, trigger, used)
  SELECT id, printf('00000000-0000-4000-8000-0000000002%02d', 1 + id % 5), id % 2 FROM entries WHERE kind = 'trigger-hit';

-- The replies that point at other entries: a return to each time-out, an answer to each
-- concern, each homework done, the end of each transparency agreement.
INSERT INTO entries (uuid, kind, author, day, time, at_utc, created_utc, updated_utc)
  SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2)
             || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
         CASE kind WHEN 'homework' THEN 'homework-done' ELSE 'transparency-end' END,
         3 - author, date(day, '+7 days'), time, at_utc, created_utc, updated_utc
  FROM entries WHERE kind IN ('homework', 'transparency') AND day < date('2026-02-20') ORDER BY id;
INSERT INTO homework_done (entry_id, homework)
  SELECT d.id, h.uuid FROM entries d JOIN entries h ON h.kind = 'homework' AND h.day = date(d.day, '-7 days')
  WHERE d.kind = 'homework-done';
INSERT INTO transparency_ends (entry_id, agreement)
  SELECT d.id, a.uuid FROM entries d JOIN entries a ON a.kind = 'transparency' AND a.day = date(d.day, '-7 days')
  WHERE d.kind = 'transparency-end';
INSERT INTO entries (uuid, kind, author, day, time, at_utc, created_utc, updated_utc)
  SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2)
             || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
         CASE kind WHEN 'timeout' THEN 'timeout-return' ELSE 'concern-answer' END,
         3 - author, day, time, at_utc, created_utc, updated_utc
  FROM entries WHERE kind IN ('timeout', 'concern') ORDER BY id;
INSERT INTO timeout_returns (entry_id, timeout)
  SELECT r.id, t.uuid FROM entries r JOIN entries t ON t.kind = 'timeout' AND t.day = r.day
  WHERE r.kind = 'timeout-return';
INSERT INTO concern_answers (entry_id, concern, hear, commit_to)
  SELECT a.id, c.uuid, 'I hear you', 'I will text' FROM entries a JOIN entries c ON c.kind = 'concern' AND c.day = a.day
  WHERE a.kind = 'concern-answer';

-- A ritual for the kept ones to point at, and twelve jobs.
INSERT INTO entries (uuid, kind, author, day, at_utc, created_utc, updated_utc)
  VALUES ('00000000-0000-4000-8000-00000000aaaa', 'ritual', 1, date('$start'), '$start' || 'T06:00:00Z', '$start' || 'T06:00:00Z', '$start' || 'T06:00:00Z');
INSERT INTO rituals (entry_id, name, every, paused) SELECT id, 'Sunday coffee', 'sun', 0 FROM entries WHERE kind = 'ritual';
INSERT INTO rituals_kept (entry_id, ritual) SELECT id, '00000000-0000-4000-8000-00000000aaaa' FROM entries WHERE kind = 'ritual-kept';
INSERT INTO entries (uuid, kind, author, day, at_utc, created_utc, updated_utc)
  SELECT printf('00000000-0000-4000-8000-0000000001%02d', i), 'task', 1, date('$start'), '$start' || 'T06:00:00Z', '$start' || 'T06:00:00Z', '$start' || 'T06:00:00Z'
  FROM (WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 12) SELECT i FROM s);
INSERT INTO tasks (entry_id, name, cadence, load) SELECT id, 'Job ' || id, 'weekly', 1 + id % 5 FROM entries WHERE kind = 'task';

-- The undo history rebuild keeps: one 'add' change per entry, each its own command.
INSERT INTO changes (entry_id, partner_id, action, at_utc, command)
  SELECT id, author, 'add', created_utc, id FROM entries ORDER BY id;
-- Each version's clock reading, as a journal from before sync has after its migration (its
-- updated time, no counter, no replica): what sync sends and compares.
UPDATE entries SET hlc = printf('%013d.%06d.', CAST(strftime('%s', updated_utc) AS INTEGER) * 1000, 0);
COMMIT;
SQL
echo "$(sqlite3 "$journal" "SELECT count(*) FROM entries") entries over $days days in $journal"
