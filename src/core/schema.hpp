#pragma once
// The journal's schema as a list of migrations. Entry i takes a journal from
// `PRAGMA user_version` i to i+1. A migration, once released, never changes: a new schema is
// a new entry at the end, and tests/unit/migrations.test.cpp opens a journal of every
// earlier version.
#include <array>

namespace rebuild::schema {

inline constexpr std::array<const char*, 15> migrations = {
    // 0 -> 1: partners, settings, entries of the daily loop, and the change log for undo.
    R"sql(
CREATE TABLE partners (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_utc TEXT NOT NULL
);
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE entries (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL,
  author      INTEGER NOT NULL REFERENCES partners(id),
  day         TEXT NOT NULL,            -- the local civil date it belongs to
  time        TEXT,                     -- local HH:MM, NULL when only the day is known
  at_utc      TEXT NOT NULL,
  created_utc TEXT NOT NULL,
  updated_utc TEXT NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE INDEX entries_by_day ON entries(day, kind);
CREATE INDEX entries_by_author ON entries(author, kind, day);
CREATE TABLE checkins (
  entry_id     INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  mood         INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 10),
  stress       INTEGER NOT NULL CHECK (stress BETWEEN 1 AND 10),
  appreciation TEXT,
  minutes      INTEGER CHECK (minutes BETWEEN 0 AND 1440),
  phones_away  INTEGER CHECK (phones_away IN (0, 1)),
  note         TEXT
);
CREATE TABLE gestures (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  text     TEXT NOT NULL
);
CREATE TABLE bids (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  text     TEXT NOT NULL,
  response TEXT NOT NULL CHECK (response IN ('toward', 'away', 'against'))
);
CREATE TABLE repairs (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  text     TEXT NOT NULL,
  accepted INTEGER CHECK (accepted IN (0, 1))
);
CREATE TABLE goals (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  problem  TEXT NOT NULL,
  outcome  TEXT NOT NULL,
  months   INTEGER NOT NULL CHECK (months BETWEEN 1 AND 12)
);
CREATE TABLE ratings (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  rating   INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 10),
  note     TEXT
);
CREATE TABLE changes (
  id         INTEGER PRIMARY KEY,
  entry_id   INTEGER NOT NULL REFERENCES entries(id),
  partner_id INTEGER NOT NULL REFERENCES partners(id),
  action     TEXT NOT NULL CHECK (action IN ('add', 'edit', 'delete')),
  before     TEXT,                            -- edit: the entry as it was (JSON)
  replaced   INTEGER REFERENCES entries(id),  -- add: the entry it replaced, if any
  at_utc     TEXT NOT NULL,
  undone     INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
);
CREATE INDEX changes_by_partner ON changes(partner_id, undone, id);
)sql",

    // 1 -> 2: the other practices. A reference to another entry is its UUID, so that it
    // survives a merge of two partners' copies; a partner is the partners row.
    R"sql(
-- Every change a command makes shares the command's number, so that undo reverts the
-- whole command ('tasks add --owner' writes a job and its assignment).
ALTER TABLE changes ADD COLUMN command INTEGER;
-- Most reads ask for one kind: the pair's rules, its jobs, its rituals, the open time-out.
CREATE INDEX entries_by_kind ON entries(kind, day);
CREATE TABLE rules (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  type     TEXT NOT NULL CHECK (type IN ('stop-phrase', 'red-line')),
  text     TEXT NOT NULL
);
CREATE TABLE timeouts (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  phrase   TEXT
);
CREATE TABLE timeout_returns (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  timeout  TEXT NOT NULL,
  note     TEXT
);
CREATE INDEX timeout_returns_by_timeout ON timeout_returns(timeout);
CREATE TABLE concerns (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  describe TEXT NOT NULL,
  impact   TEXT NOT NULL,
  ask      TEXT NOT NULL
);
CREATE TABLE concern_answers (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  concern  TEXT NOT NULL,
  hear     TEXT NOT NULL,
  commit_to TEXT NOT NULL,
  hurdle   TEXT
);
CREATE INDEX concern_answers_by_concern ON concern_answers(concern);
CREATE TABLE tasks (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  name     TEXT NOT NULL,
  cadence  TEXT CHECK (cadence IN ('daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'as-needed')),
  load     INTEGER CHECK (load BETWEEN 1 AND 5)
);
CREATE TABLE task_assignments (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  task     TEXT NOT NULL,
  owner    INTEGER REFERENCES partners(id)
);
CREATE INDEX task_assignments_by_task ON task_assignments(task);
CREATE TABLE task_reviews (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  note     TEXT
);
CREATE TABLE stage_moves (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  move     TEXT NOT NULL CHECK (move IN ('advance', 'back')),
  stage    INTEGER NOT NULL CHECK (stage BETWEEN 1 AND 3)
);
CREATE TABLE touch_sessions (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  stage    INTEGER NOT NULL CHECK (stage BETWEEN 1 AND 3),
  minutes  INTEGER CHECK (minutes BETWEEN 0 AND 1440),
  giver    INTEGER REFERENCES partners(id),
  signal   TEXT CHECK (signal IN ('green', 'yellow', 'red')),
  note     TEXT
);
CREATE TABLE touch_windows (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  weekday  TEXT NOT NULL CHECK (weekday IN ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')),
  start    TEXT NOT NULL
);
CREATE TABLE initiations (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  tier     TEXT NOT NULL CHECK (tier IN ('connection', 'adventure')),
  accepted INTEGER CHECK (accepted IN (0, 1))
);
CREATE TABLE rituals (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  name     TEXT NOT NULL,
  every    TEXT NOT NULL CHECK (every IN ('daily', 'weekly', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')),
  paused   INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1))
);
CREATE TABLE rituals_kept (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  ritual   TEXT NOT NULL,
  note     TEXT
);
CREATE INDEX rituals_kept_by_ritual ON rituals_kept(ritual);
CREATE TABLE reviews (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  good     TEXT NOT NULL,
  heavy    TEXT NOT NULL,
  next     TEXT NOT NULL
);
)sql",

    // 2 -> 3: the next command number and the changes of the command undo takes back are
    // found by an index; without it both read the whole history, which grows with every
    // entry (10 ms a check-in on a ten-year journal). And one index less to write with
    // every entry: each query by author also names the kind, and entries_by_kind (kind, day)
    // answers it as well (a check-in on a ten-year journal: 1.2x -> 1.1x an INSERT's time).
    R"sql(
CREATE INDEX changes_by_command ON changes(command);
DROP INDEX entries_by_author;
)sql",

    // 3 -> 4: changes_by_command goes again: one index less to write with every entry. A new
    // command's number is now the id its first change gets (max(id) + 1, read from the end of
    // the table), which is above every number given before, since a command's number never
    // exceeded the id of its first change. Undo finds a command's changes as the partner's
    // latest ones on changes_by_partner.
    R"sql(
DROP INDEX changes_by_command;
)sql",

    // 4 -> 5: a deleted entry keeps no words. Its id, kind, author, day and times stay (the
    // tombstone that export and merge carry); its fields move into the undo history, which
    // stays in this journal, where `undo` needs them: into the delete change that removed it,
    // or into the add that replaced it (a second check-in of the day). Then the fields of every
    // deleted entry go.
    R"sql(
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'mood', k.mood, 'stress', k.stress, 'appreciation', k.appreciation, 'minutes', k.minutes, 'phones_away', k.phones_away, 'note', k.note)
    FROM entries e JOIN checkins k ON k.entry_id = e.id WHERE e.id = changes.entry_id)
  WHERE action = 'delete' AND before IS NULL
    AND entry_id IN (SELECT id FROM entries WHERE kind = 'checkin' AND deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'mood', k.mood, 'stress', k.stress, 'appreciation', k.appreciation, 'minutes', k.minutes, 'phones_away', k.phones_away, 'note', k.note)
    FROM entries e JOIN checkins k ON k.entry_id = e.id WHERE e.id = changes.replaced)
  WHERE action = 'add' AND before IS NULL
    AND replaced IN (SELECT id FROM entries WHERE kind = 'checkin' AND deleted = 1);
DELETE FROM checkins WHERE entry_id IN (SELECT id FROM entries WHERE deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'text', k.text)
    FROM entries e JOIN gestures k ON k.entry_id = e.id WHERE e.id = changes.entry_id)
  WHERE action = 'delete' AND before IS NULL
    AND entry_id IN (SELECT id FROM entries WHERE kind = 'gesture' AND deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'text', k.text)
    FROM entries e JOIN gestures k ON k.entry_id = e.id WHERE e.id = changes.replaced)
  WHERE action = 'add' AND before IS NULL
    AND replaced IN (SELECT id FROM entries WHERE kind = 'gesture' AND deleted = 1);
DELETE FROM gestures WHERE entry_id IN (SELECT id FROM entries WHERE deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'text', k.text, 'response', k.response)
    FROM entries e JOIN bids k ON k.entry_id = e.id WHERE e.id = changes.entry_id)
  WHERE action = 'delete' AND before IS NULL
    AND entry_id IN (SELECT id FROM entries WHERE kind = 'bid' AND deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'text', k.text, 'response', k.response)
    FROM entries e JOIN bids k ON k.entry_id = e.id WHERE e.id = changes.replaced)
  WHERE action = 'add' AND before IS NULL
    AND replaced IN (SELECT id FROM entries WHERE kind = 'bid' AND deleted = 1);
DELETE FROM bids WHERE entry_id IN (SELECT id FROM entries WHERE deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'text', k.text, 'accepted', k.accepted)
    FROM entries e JOIN repairs k ON k.entry_id = e.id WHERE e.id = changes.entry_id)
  WHERE action = 'delete' AND before IS NULL
    AND entry_id IN (SELECT id FROM entries WHERE kind = 'repair' AND deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'text', k.text, 'accepted', k.accepted)
    FROM entries e JOIN repairs k ON k.entry_id = e.id WHERE e.id = changes.replaced)
  WHERE action = 'add' AND before IS NULL
    AND replaced IN (SELECT id FROM entries WHERE kind = 'repair' AND deleted = 1);
DELETE FROM repairs WHERE entry_id IN (SELECT id FROM entries WHERE deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'problem', k.problem, 'outcome', k.outcome, 'months', k.months)
    FROM entries e JOIN goals k ON k.entry_id = e.id WHERE e.id = changes.entry_id)
  WHERE action = 'delete' AND before IS NULL
    AND entry_id IN (SELECT id FROM entries WHERE kind = 'goal' AND deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'problem', k.problem, 'outcome', k.outcome, 'months', k.months)
    FROM entries e JOIN goals k ON k.entry_id = e.id WHERE e.id = changes.replaced)
  WHERE action = 'add' AND before IS NULL
    AND replaced IN (SELECT id FROM entries WHERE kind = 'goal' AND deleted = 1);
DELETE FROM goals WHERE entry_id IN (SELECT id FROM entries WHERE deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'rating', k.rating, 'note', k.note)
    FROM entries e JOIN ratings k ON k.entry_id = e.id WHERE e.id = changes.entry_id)
  WHERE action = 'delete' AND before IS NULL
    AND entry_id IN (SELECT id FROM entries WHERE kind = 'rating' AND deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'rating', k.rating, 'note', k.note)
    FROM entries e JOIN ratings k ON k.entry_id = e.id WHERE e.id = changes.replaced)
  WHERE action = 'add' AND before IS NULL
    AND replaced IN (SELECT id FROM entries WHERE kind = 'rating' AND deleted = 1);
DELETE FROM ratings WHERE entry_id IN (SELECT id FROM entries WHERE deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'type', k.type, 'text', k.text)
    FROM entries e JOIN rules k ON k.entry_id = e.id WHERE e.id = changes.entry_id)
  WHERE action = 'delete' AND before IS NULL
    AND entry_id IN (SELECT id FROM entries WHERE kind = 'rule' AND deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'type', k.type, 'text', k.text)
    FROM entries e JOIN rules k ON k.entry_id = e.id WHERE e.id = changes.replaced)
  WHERE action = 'add' AND before IS NULL
    AND replaced IN (SELECT id FROM entries WHERE kind = 'rule' AND deleted = 1);
DELETE FROM rules WHERE entry_id IN (SELECT id FROM entries WHERE deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'phrase', k.phrase)
    FROM entries e JOIN timeouts k ON k.entry_id = e.id WHERE e.id = changes.entry_id)
  WHERE action = 'delete' AND before IS NULL
    AND entry_id IN (SELECT id FROM entries WHERE kind = 'timeout' AND deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'phrase', k.phrase)
    FROM entries e JOIN timeouts k ON k.entry_id = e.id WHERE e.id = changes.replaced)
  WHERE action = 'add' AND before IS NULL
    AND replaced IN (SELECT id FROM entries WHERE kind = 'timeout' AND deleted = 1);
DELETE FROM timeouts WHERE entry_id IN (SELECT id FROM entries WHERE deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'timeout', k.timeout, 'note', k.note)
    FROM entries e JOIN timeout_returns k ON k.entry_id = e.id WHERE e.id = changes.entry_id)
  WHERE action = 'delete' AND before IS NULL
    AND entry_id IN (SELECT id FROM entries WHERE kind = 'timeout-return' AND deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'timeout', k.timeout, 'note', k.note)
    FROM entries e JOIN timeout_returns k ON k.entry_id = e.id WHERE e.id = changes.replaced)
  WHERE action = 'add' AND before IS NULL
    AND replaced IN (SELECT id FROM entries WHERE kind = 'timeout-return' AND deleted = 1);
DELETE FROM timeout_returns WHERE entry_id IN (SELECT id FROM entries WHERE deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'describe', k.describe, 'impact', k.impact, 'ask', k.ask)
    FROM entries e JOIN concerns k ON k.entry_id = e.id WHERE e.id = changes.entry_id)
  WHERE action = 'delete' AND before IS NULL
    AND entry_id IN (SELECT id FROM entries WHERE kind = 'concern' AND deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'describe', k.describe, 'impact', k.impact, 'ask', k.ask)
    FROM entries e JOIN concerns k ON k.entry_id = e.id WHERE e.id = changes.replaced)
  WHERE action = 'add' AND before IS NULL
    AND replaced IN (SELECT id FROM entries WHERE kind = 'concern' AND deleted = 1);
DELETE FROM concerns WHERE entry_id IN (SELECT id FROM entries WHERE deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'concern', k.concern, 'hear', k.hear, 'commit_to', k.commit_to, 'hurdle', k.hurdle)
    FROM entries e JOIN concern_answers k ON k.entry_id = e.id WHERE e.id = changes.entry_id)
  WHERE action = 'delete' AND before IS NULL
    AND entry_id IN (SELECT id FROM entries WHERE kind = 'concern-answer' AND deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'concern', k.concern, 'hear', k.hear, 'commit_to', k.commit_to, 'hurdle', k.hurdle)
    FROM entries e JOIN concern_answers k ON k.entry_id = e.id WHERE e.id = changes.replaced)
  WHERE action = 'add' AND before IS NULL
    AND replaced IN (SELECT id FROM entries WHERE kind = 'concern-answer' AND deleted = 1);
DELETE FROM concern_answers WHERE entry_id IN (SELECT id FROM entries WHERE deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'name', k.name, 'cadence', k.cadence, 'load', k.load)
    FROM entries e JOIN tasks k ON k.entry_id = e.id WHERE e.id = changes.entry_id)
  WHERE action = 'delete' AND before IS NULL
    AND entry_id IN (SELECT id FROM entries WHERE kind = 'task' AND deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'name', k.name, 'cadence', k.cadence, 'load', k.load)
    FROM entries e JOIN tasks k ON k.entry_id = e.id WHERE e.id = changes.replaced)
  WHERE action = 'add' AND before IS NULL
    AND replaced IN (SELECT id FROM entries WHERE kind = 'task' AND deleted = 1);
DELETE FROM tasks WHERE entry_id IN (SELECT id FROM entries WHERE deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'task', k.task, 'owner', k.owner)
    FROM entries e JOIN task_assignments k ON k.entry_id = e.id WHERE e.id = changes.entry_id)
  WHERE action = 'delete' AND before IS NULL
    AND entry_id IN (SELECT id FROM entries WHERE kind = 'task-assignment' AND deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'task', k.task, 'owner', k.owner)
    FROM entries e JOIN task_assignments k ON k.entry_id = e.id WHERE e.id = changes.replaced)
  WHERE action = 'add' AND before IS NULL
    AND replaced IN (SELECT id FROM entries WHERE kind = 'task-assignment' AND deleted = 1);
DELETE FROM task_assignments WHERE entry_id IN (SELECT id FROM entries WHERE deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'note', k.note)
    FROM entries e JOIN task_reviews k ON k.entry_id = e.id WHERE e.id = changes.entry_id)
  WHERE action = 'delete' AND before IS NULL
    AND entry_id IN (SELECT id FROM entries WHERE kind = 'task-review' AND deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'note', k.note)
    FROM entries e JOIN task_reviews k ON k.entry_id = e.id WHERE e.id = changes.replaced)
  WHERE action = 'add' AND before IS NULL
    AND replaced IN (SELECT id FROM entries WHERE kind = 'task-review' AND deleted = 1);
DELETE FROM task_reviews WHERE entry_id IN (SELECT id FROM entries WHERE deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'move', k.move, 'stage', k.stage)
    FROM entries e JOIN stage_moves k ON k.entry_id = e.id WHERE e.id = changes.entry_id)
  WHERE action = 'delete' AND before IS NULL
    AND entry_id IN (SELECT id FROM entries WHERE kind = 'stage-move' AND deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'move', k.move, 'stage', k.stage)
    FROM entries e JOIN stage_moves k ON k.entry_id = e.id WHERE e.id = changes.replaced)
  WHERE action = 'add' AND before IS NULL
    AND replaced IN (SELECT id FROM entries WHERE kind = 'stage-move' AND deleted = 1);
DELETE FROM stage_moves WHERE entry_id IN (SELECT id FROM entries WHERE deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'stage', k.stage, 'minutes', k.minutes, 'giver', k.giver, 'signal', k.signal, 'note', k.note)
    FROM entries e JOIN touch_sessions k ON k.entry_id = e.id WHERE e.id = changes.entry_id)
  WHERE action = 'delete' AND before IS NULL
    AND entry_id IN (SELECT id FROM entries WHERE kind = 'touch' AND deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'stage', k.stage, 'minutes', k.minutes, 'giver', k.giver, 'signal', k.signal, 'note', k.note)
    FROM entries e JOIN touch_sessions k ON k.entry_id = e.id WHERE e.id = changes.replaced)
  WHERE action = 'add' AND before IS NULL
    AND replaced IN (SELECT id FROM entries WHERE kind = 'touch' AND deleted = 1);
DELETE FROM touch_sessions WHERE entry_id IN (SELECT id FROM entries WHERE deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'weekday', k.weekday, 'start', k.start)
    FROM entries e JOIN touch_windows k ON k.entry_id = e.id WHERE e.id = changes.entry_id)
  WHERE action = 'delete' AND before IS NULL
    AND entry_id IN (SELECT id FROM entries WHERE kind = 'touch-window' AND deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'weekday', k.weekday, 'start', k.start)
    FROM entries e JOIN touch_windows k ON k.entry_id = e.id WHERE e.id = changes.replaced)
  WHERE action = 'add' AND before IS NULL
    AND replaced IN (SELECT id FROM entries WHERE kind = 'touch-window' AND deleted = 1);
DELETE FROM touch_windows WHERE entry_id IN (SELECT id FROM entries WHERE deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'tier', k.tier, 'accepted', k.accepted)
    FROM entries e JOIN initiations k ON k.entry_id = e.id WHERE e.id = changes.entry_id)
  WHERE action = 'delete' AND before IS NULL
    AND entry_id IN (SELECT id FROM entries WHERE kind = 'initiation' AND deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'tier', k.tier, 'accepted', k.accepted)
    FROM entries e JOIN initiations k ON k.entry_id = e.id WHERE e.id = changes.replaced)
  WHERE action = 'add' AND before IS NULL
    AND replaced IN (SELECT id FROM entries WHERE kind = 'initiation' AND deleted = 1);
DELETE FROM initiations WHERE entry_id IN (SELECT id FROM entries WHERE deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'name', k.name, 'every', k.every, 'paused', k.paused)
    FROM entries e JOIN rituals k ON k.entry_id = e.id WHERE e.id = changes.entry_id)
  WHERE action = 'delete' AND before IS NULL
    AND entry_id IN (SELECT id FROM entries WHERE kind = 'ritual' AND deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'name', k.name, 'every', k.every, 'paused', k.paused)
    FROM entries e JOIN rituals k ON k.entry_id = e.id WHERE e.id = changes.replaced)
  WHERE action = 'add' AND before IS NULL
    AND replaced IN (SELECT id FROM entries WHERE kind = 'ritual' AND deleted = 1);
DELETE FROM rituals WHERE entry_id IN (SELECT id FROM entries WHERE deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'ritual', k.ritual, 'note', k.note)
    FROM entries e JOIN rituals_kept k ON k.entry_id = e.id WHERE e.id = changes.entry_id)
  WHERE action = 'delete' AND before IS NULL
    AND entry_id IN (SELECT id FROM entries WHERE kind = 'ritual-kept' AND deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'ritual', k.ritual, 'note', k.note)
    FROM entries e JOIN rituals_kept k ON k.entry_id = e.id WHERE e.id = changes.replaced)
  WHERE action = 'add' AND before IS NULL
    AND replaced IN (SELECT id FROM entries WHERE kind = 'ritual-kept' AND deleted = 1);
DELETE FROM rituals_kept WHERE entry_id IN (SELECT id FROM entries WHERE deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'good', k.good, 'heavy', k.heavy, 'next', k.next)
    FROM entries e JOIN reviews k ON k.entry_id = e.id WHERE e.id = changes.entry_id)
  WHERE action = 'delete' AND before IS NULL
    AND entry_id IN (SELECT id FROM entries WHERE kind = 'review' AND deleted = 1);
UPDATE changes SET before = (SELECT json_object('day', e.day, 'time', e.time, 'at_utc', e.at_utc, 'good', k.good, 'heavy', k.heavy, 'next', k.next)
    FROM entries e JOIN reviews k ON k.entry_id = e.id WHERE e.id = changes.replaced)
  WHERE action = 'add' AND before IS NULL
    AND replaced IN (SELECT id FROM entries WHERE kind = 'review' AND deleted = 1);
DELETE FROM reviews WHERE entry_id IN (SELECT id FROM entries WHERE deleted = 1);
)sql",

    // 5 -> 6: what the report needs to count as the guide counts (issue 10). The pair's
    // agreements gain stage-3 touch rules and the steps of the de-escalation script (a CHECK
    // cannot be altered, so the table is made anew); a touch session may be one sitting given
    // each way; a ritual's pauses and resumes are dated entries of their own, so that a week
    // counts what was planned at that time. A ritual paused before this version has no dated
    // pause: it counts as paused from its last change (see ritual_pause_history).
    R"sql(
CREATE TABLE rules_6 (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  type     TEXT NOT NULL CHECK (type IN ('stop-phrase', 'red-line', 'touch', 'script')),
  text     TEXT NOT NULL
);
INSERT INTO rules_6 (entry_id, type, text) SELECT entry_id, type, text FROM rules;
DROP TABLE rules;
ALTER TABLE rules_6 RENAME TO rules;
ALTER TABLE touch_sessions ADD COLUMN each_way INTEGER CHECK (each_way IN (0, 1));
CREATE TABLE ritual_pauses (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  ritual   TEXT NOT NULL,
  paused   INTEGER NOT NULL CHECK (paused IN (0, 1))
);
CREATE INDEX ritual_pauses_by_ritual ON ritual_pauses(ritual);
)sql",

    // 6 -> 7: the practices of the second guide and the last of the first (issue 12):
    // the repair sequence's three parts, triggers and their firings, thoughts and reframes,
    // stories, celebrations, counselling and transparency. Homework and its completion, and
    // an agreement and its end, are entries of their own, so that a past week's report
    // counts what was open at that time.
    R"sql(
ALTER TABLE repairs ADD COLUMN apology TEXT;
ALTER TABLE repairs ADD COLUMN reassurance TEXT;
ALTER TABLE repairs ADD COLUMN commitment TEXT;
CREATE TABLE triggers (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  text     TEXT NOT NULL,
  response TEXT NOT NULL
);
CREATE TABLE trigger_hits (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  trigger  TEXT NOT NULL,
  used     INTEGER CHECK (used IN (0, 1)),
  note     TEXT
);
CREATE INDEX trigger_hits_by_trigger ON trigger_hits(trigger);
CREATE TABLE thoughts (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  text     TEXT NOT NULL,
  evidence TEXT NOT NULL,
  reframe  TEXT
);
CREATE TABLE stories (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  title    TEXT,
  happened TEXT NOT NULL,
  needed   TEXT NOT NULL,
  possible TEXT NOT NULL,
  about    TEXT
);
CREATE INDEX stories_by_about ON stories(about);
CREATE TABLE celebrations (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  text     TEXT NOT NULL
);
CREATE TABLE therapy_sessions (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  note     TEXT
);
CREATE TABLE homework (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  text     TEXT NOT NULL
);
CREATE TABLE homework_done (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  homework TEXT NOT NULL,
  note     TEXT
);
CREATE INDEX homework_done_by_homework ON homework_done(homework);
-- A kind's entries by day, with their ids and authors: the kinds read whole years at a time
-- (homework and its completion, firings of triggers, stories) are read from this index and
-- their own small tables, never from a page of ten years' entries each. (Not a partial
-- index: one of those makes SQLite prepare again every query that binds a kind.)
DROP INDEX entries_by_kind;
CREATE INDEX entries_by_kind ON entries(kind, day, uuid, author);
CREATE TABLE transparency (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  text     TEXT NOT NULL,
  until    TEXT NOT NULL CHECK (until GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
CREATE TABLE transparency_ends (
  entry_id  INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  agreement TEXT NOT NULL,
  note      TEXT
);
CREATE INDEX transparency_ends_by_agreement ON transparency_ends(agreement);
)sql",

    // 7 -> 8: each partner's passphrase (issue 13). A random data key, sealed under the key
    // Argon2id makes of the passphrase and this salt; changing the passphrase seals the same
    // data key again. Nothing here opens without the passphrase.
    R"sql(
CREATE TABLE partner_keys (
  partner_id INTEGER PRIMARY KEY REFERENCES partners(id),
  salt       BLOB NOT NULL CHECK (length(salt) = 16),
  ops        INTEGER NOT NULL CHECK (ops > 0),
  mem        INTEGER NOT NULL CHECK (mem > 0),
  wrapped    BLOB NOT NULL,
  set_utc    TEXT NOT NULL
);
)sql",

    // 8 -> 9: private words (issue 13). A private entry keeps its row in `entries` (id, kind,
    // author, day and times: that it exists is not hidden) but no row in its kind's table:
    // its fields are one box in sealed_words, sealed under its author's data key with its id
    // and kind bound in. Every query that reads a kind's table therefore passes it by, and a
    // query over `entries` alone skips it by `private`. The shared inventory (000 Step 6): the
    // pair's own items beside the starter list that rebuild carries, and each partner's
    // answers, each one box of the same length whatever the answer.
    R"sql(
ALTER TABLE entries ADD COLUMN private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1));
CREATE TABLE sealed_words (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  box      BLOB NOT NULL
);
CREATE TABLE inventory_items (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  tier        INTEGER CHECK (tier BETWEEN 1 AND 3),
  text        TEXT NOT NULL,
  added_by    INTEGER NOT NULL REFERENCES partners(id),
  created_utc TEXT NOT NULL
);
CREATE TABLE inventory_answers (
  item         TEXT NOT NULL,  -- a starter item's key ('s01'...) or an inventory_items uuid
  partner_id   INTEGER NOT NULL REFERENCES partners(id),
  box          BLOB NOT NULL,
  answered_utc TEXT NOT NULL,
  PRIMARY KEY (item, partner_id)
) WITHOUT ROWID;
)sql",
    // 9 -> 10: two devices (issue 14). Each copy of the journal is a replica with an id of its
    // own; each version of an entry carries a hybrid logical clock, `hlc` (milliseconds, a
    // counter, the replica that made it: text that sorts in time), `base` (the readings of the
    // versions it was made from, newest first: they tell a later edit from one made at the
    // same time on another device), `seq` (this replica's change
    // number, NULL for a version taken in from another replica: what `sync` sends) and
    // `changed_by` (the partner who made it). Versions from before take their updated time, no
    // counter and no replica. A version that lost to a concurrent one is kept in `conflicts`.
    R"sql(
ALTER TABLE entries ADD COLUMN hlc TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN base TEXT;
ALTER TABLE entries ADD COLUMN seq INTEGER;
ALTER TABLE entries ADD COLUMN changed_by INTEGER REFERENCES partners(id);
UPDATE entries SET hlc = printf('%013d.%06d.', CAST(strftime('%s', updated_utc) AS INTEGER) * 1000, 0);
CREATE INDEX entries_by_hlc ON entries(hlc);
CREATE INDEX entries_by_seq ON entries(seq);
-- The pair's settings go between replicas too: each value with its clock reading, and
-- whether it has gone out since it was set here.
ALTER TABLE settings ADD COLUMN hlc TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN sent INTEGER NOT NULL DEFAULT 0 CHECK (sent IN (0, 1));
CREATE TABLE sync_state (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  replica   TEXT NOT NULL CHECK (length(replica) = 16),
  secret    BLOB,                        -- sealed under this device's key; NULL before 'sync init'
  next_file INTEGER NOT NULL DEFAULT 1,  -- the number of this replica's next file
  sent_seq  INTEGER NOT NULL DEFAULT 0   -- changes up to here are in files; -1: send them all
);
INSERT INTO sync_state (id, replica) VALUES (1, lower(hex(randomblob(8))));
CREATE TABLE sync_peers (
  replica   TEXT PRIMARY KEY,
  next_file INTEGER NOT NULL             -- the number of its next file to read
) WITHOUT ROWID;
CREATE TABLE conflicts (
  id        INTEGER PRIMARY KEY,
  entry_id  INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  kept_hlc  TEXT NOT NULL,               -- the version kept when this one was set aside
  other_hlc TEXT NOT NULL,
  other     TEXT NOT NULL,               -- the version set aside: its fields, as JSON
  found_utc TEXT NOT NULL,
  sent      INTEGER NOT NULL DEFAULT 1,  -- 0: a version of this replica's own, not sent yet
  UNIQUE (entry_id, other_hlc)
);
)sql",
    // 10 -> 11: sync files known by their authenticated header, not their name (issue 23).
    // Every file this replica wrote (with the digest of its bytes and the change numbers it
    // held, to find one missing, damaged or written by a copy of this journal, and send its
    // changes again) and every other replica's file read past the run read in order
    // (sync_peers.next_file); the odd names read (a sync engine's conflict copies); and the
    // problems the last sync found, so that one that persists is an error.
    R"sql(
CREATE TABLE sync_files (
  replica   TEXT NOT NULL,
  number    INTEGER NOT NULL,
  mine      INTEGER NOT NULL DEFAULT 0 CHECK (mine IN (0, 1)),  -- written here
  digest    TEXT,              -- of a file written here: BLAKE2b of its bytes; NULL: not known yet
  bytes     INTEGER,           -- its size and modification time when last checked
  mtime_ns  INTEGER,
  seq_from  INTEGER,           -- the change numbers it held (NULL: not known)
  seq_to    INTEGER,
  PRIMARY KEY (replica, number)
) WITHOUT ROWID;
INSERT INTO sync_files (replica, number, mine)
  WITH RECURSIVE n(number) AS (SELECT 1 UNION ALL SELECT number + 1 FROM n
                               WHERE number + 1 < (SELECT next_file FROM sync_state WHERE id = 1))
  SELECT (SELECT replica FROM sync_state WHERE id = 1), number, 1 FROM n
  WHERE (SELECT next_file FROM sync_state WHERE id = 1) > 1;
-- A replica id its device gave up when it found a copy of its journal writing under it: that
-- device sent everything again under its new id, so a file of the old one that does not open,
-- or a number missing, is said but no lasting problem.
ALTER TABLE sync_peers ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1));
CREATE TABLE sync_names (
  name TEXT PRIMARY KEY            -- REPLICA/NAME of a file read that is not named N.rbx
) WITHOUT ROWID;
CREATE TABLE sync_problems (
  what      TEXT PRIMARY KEY,      -- one line saying what is wrong
  since_utc TEXT NOT NULL
) WITHOUT ROWID;
)sql",
    // 11 -> 12: compaction (issue 23). A replica folds its old files into a snapshot once every
    // other replica has read them: its files up to `compacted` are gone from the folder, what
    // still stands of its own is in the snapshot's files, each of which says which numbers it
    // folds in (`compacts`). Its own: what it changed (a change number), and what it held from
    // before sync (number 0).
    R"sql(
ALTER TABLE sync_state ADD COLUMN compacted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_files ADD COLUMN compacts INTEGER;  -- of a snapshot's file written here
-- A version from before sync (its clock reading names no replica), never sent as a change,
-- is this journal's own: change number 0, sent with everything and held by its snapshot.
UPDATE entries SET seq = 0 WHERE seq IS NULL AND (hlc = '' OR hlc LIKE '%.');
-- When each inventory answer was given or changed is its partner's own (issue 24): not kept.
UPDATE inventory_answers SET answered_utc = '';
-- A partner's consent to see yes+maybe items is sealed under their key now (beside their
-- answers): a plain value anyone with the file could set is no consent, and goes.
DELETE FROM settings WHERE key LIKE 'inventory.show-maybe/%';
-- The files of another replica's snapshot read here, until all are: only then are the numbers
-- it folds in read (what they held may be in any of its files).
CREATE TABLE sync_snapshot_parts (
  replica  TEXT NOT NULL,
  compacts INTEGER NOT NULL,
  part     INTEGER NOT NULL,
  PRIMARY KEY (replica, compacts, part)
) WITHOUT ROWID;
)sql",
    // 12 -> 13: private means private (issue 24). A private entry's box binds its kind, author,
    // day and time as well as its id: one moved with sqlite3 does not open. A box from before
    // is `bound` 0 (id and kind alone) until its author's next private write seals it again.
    // Each partner's inventory answers and consent become one sealed sheet, with only how many
    // items they answered in the open; the rows of before (one per answered item, so which
    // items were answered was plain) are read into it, and go, at that partner's next write.
    R"sql(
ALTER TABLE sealed_words ADD COLUMN bound INTEGER NOT NULL DEFAULT 0 CHECK (bound IN (0, 1));
CREATE TABLE inventory_sheets (
  partner_id INTEGER PRIMARY KEY REFERENCES partners(id),
  box        BLOB NOT NULL,
  answered   INTEGER NOT NULL
);
)sql",
    // 13 -> 14: the practices the guides name that could not be recorded (issue 26 item 6,
    // SPEC turn 3). A time-out's arranged return (local "YYYY-MM-DD HH:MM"); agenda items kept
    // for another day and their being talked through; a red line crossed; a reply's
    // validation step; a monthly ritual and which day of the month (a CHECK cannot be altered,
    // so rituals are made anew); a job's quality standard and deadline; a repair's return to
    // a neutral activity and the other partner's commitment. And a touch window's removal as a
    // dated entry of its own (issue 26 item 1), so that a past week keeps the windows it had.
    R"sql(
ALTER TABLE timeouts ADD COLUMN return_by TEXT;
CREATE TABLE agenda (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  text     TEXT NOT NULL,
  for_day  TEXT
);
CREATE TABLE agenda_done (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  agenda   TEXT NOT NULL,
  note     TEXT
);
CREATE INDEX agenda_done_by_agenda ON agenda_done(agenda);
CREATE TABLE rule_crossings (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  rule     TEXT NOT NULL,
  note     TEXT
);
ALTER TABLE concern_answers ADD COLUMN validate TEXT;
CREATE TABLE rituals_14 (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  name     TEXT NOT NULL,
  every    TEXT NOT NULL CHECK (every IN ('daily', 'weekly', 'monthly', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')),
  paused   INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
  on_day   TEXT
);
INSERT INTO rituals_14 (entry_id, name, every, paused) SELECT entry_id, name, every, paused FROM rituals;
DROP TABLE rituals;
ALTER TABLE rituals_14 RENAME TO rituals;
ALTER TABLE tasks ADD COLUMN standard TEXT;
ALTER TABLE tasks ADD COLUMN deadline TEXT;
ALTER TABLE repairs ADD COLUMN neutral TEXT;
CREATE TABLE repair_commitments (
  entry_id   INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  repair     TEXT NOT NULL,
  commitment TEXT NOT NULL
);
CREATE INDEX repair_commitments_by_repair ON repair_commitments(repair);
CREATE TABLE touch_window_ends (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  window   TEXT NOT NULL
);
-- A job's or a ritual's lasting fields as they were before an edit, dated at the edit: a past
-- week reads its jobs and rituals as they stood at its end (issue 26 item 1).
CREATE TABLE task_changes (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  task     TEXT NOT NULL,
  changed  TEXT NOT NULL,   -- the fields the edit changed, "load,deadline"
  name     TEXT,
  cadence  TEXT,
  load     INTEGER,
  standard TEXT,
  deadline TEXT
);
CREATE TABLE ritual_changes (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  ritual   TEXT NOT NULL,
  changed  TEXT NOT NULL,
  name     TEXT,
  every    TEXT,
  on_day   TEXT
);
)sql",
    // 14 -> 15: the pair's agreements and the settings the report reads keep their history
    // too (issue 26 item 1): a rule's and a transparency agreement's words as they were
    // before an edit, a rule removed from a day on (`rules remove`, which was a tombstone),
    // and each value a setting held before it was replaced, with the clock reading of the
    // value that replaced it (the day that value took over, as the report reads plan.start).
    R"sql(
CREATE TABLE rule_changes (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  rule     TEXT NOT NULL,
  changed  TEXT NOT NULL,
  type     TEXT,
  text     TEXT
);
CREATE TABLE transparency_changes (
  entry_id  INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  agreement TEXT NOT NULL,
  changed   TEXT NOT NULL,
  text      TEXT,
  until     TEXT
);
CREATE TABLE rule_ends (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  rule     TEXT NOT NULL
);
CREATE TABLE setting_history (
  key         TEXT NOT NULL,
  value       TEXT NOT NULL,   -- the value the setting held
  replaced_by TEXT NOT NULL    -- the clock reading of the value that replaced it
);
CREATE INDEX setting_history_by_key ON setting_history(key);
)sql",
};

}  // namespace rebuild::schema
