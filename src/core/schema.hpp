#pragma once
// The journal's schema as a list of migrations. Entry i takes a journal from
// `PRAGMA user_version` i to i+1. A migration, once released, never changes: a new schema is
// a new entry at the end, and tests/unit/migrations.test.cpp opens a journal of every
// earlier version.
#include <array>

namespace rebuild::schema {

inline constexpr std::array<const char*, 4> migrations = {
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
};

}  // namespace rebuild::schema
