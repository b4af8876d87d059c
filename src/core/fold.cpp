// Folding in another copy of the journal (`import`, `merge`), entry by entry, by UUID.
#include "rebuild/fold.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "entry_rows.hpp"
#include "rebuild/change_log.hpp"
#include "rebuild/conflicts.hpp"
#include "rebuild/errors.hpp"
#include "rebuild/sync_policy.hpp"
#include "rebuild/text.hpp"

namespace rebuild {

using namespace rows;

partner fold_partner(journal& j, const partner& other, const clock& now, fold_counts& counts) {
  const auto here = partners(j);
  for (const auto& p : here)
    if (p.uuid == other.uuid) return p;
  for (const auto& p : here)
    if (ascii_lower(p.name) == ascii_lower(other.name)) return p;
  if (here.size() >= 2)
    throw data_error(
        fmt::format("the other copy has a partner {} who is not in this journal "
                    "({} are); a journal is for two",
                    other.name, partner_names(here)));
  validate_partner_name(other.name);
  SQLite::Statement st(j.db(), "INSERT INTO partners (uuid, name, created_utc) VALUES (?, ?, ?)");
  st.bind(1, other.uuid);
  st.bind(2, other.name);
  st.bind(3, iso_utc(now.now_utc()));
  st.exec();
  ++counts.partners_added;
  return {j.db().getLastInsertRowid(), other.uuid, other.name};
}

void fold_entry(journal& j, const entry& e, const clock& now, fold_counts& counts) {
  const kind_spec& kind = *e.kind;
  const auto at_fault = [&](const std::string& why) {
    return data_error(fmt::format("{} {}: {}", kind.label, e.short_id(), why));
  };
  for (const auto& f : kind.fields) {
    if (e.deleted) break;  // a tombstone's words are not kept, so not checked
    try {
      validate_value(f, e.get(f.name));
    } catch (const data_error& bad) {
      throw at_fault(bad.what());
    }
  }
  const auto change = [&](fold_change::what happened, const entry& which) {
    counts.changes.push_back({happened, which.kind, which.uuid, which.author.name, which.day,
                              kind.unique.empty() ? std::string() : which.text(kind.unique)});
  };
  // Who made this version: only an entry's author changes it (either partner, the pair's).
  const std::string& by = e.changed_by.empty() ? e.author.name : e.changed_by;
  const auto incoming_reading = e.hlc.empty() ? hlc::of_updated(e.updated_utc) : hlc::parse(e.hlc);
  if (!incoming_reading) throw at_fault(fmt::format("'{}' is not a clock reading", e.hlc));
  const std::string reading = incoming_reading->text();
  std::int64_t id = 0;
  SQLite::Statement& known = j.statement(
      "SELECT id, kind, hlc, coalesce(base, ''), deleted, private, author FROM entries WHERE "
      "uuid = ?");
  known.bind(1, e.uuid);
  std::optional<sync::held> here;
  std::string reading_here, base_here;
  std::string kind_here;
  bool deleted_here = false;
  if (known.executeStep()) {
    id = known.getColumn(0).getInt64();
    kind_here = known.getColumn(1).getString();
    reading_here = known.getColumn(2).getString();
    base_here = known.getColumn(3).getString();
    deleted_here = known.getColumn(4).getInt() != 0;
    here.emplace();
    here->v.reading = hlc::parse(reading_here).value_or(hlc{});
    here->v.base = base_here;
    here->is_private = known.getColumn(5).getInt() != 0;
    here->same_author = known.getColumn(6).getInt64() == e.author.id;
    here->same_kind = kind_here == kind.name;
  }
  known.reset();
  // What each version says, to tell two that say the same (only when both are plain entries
  // of one kind and author: the policy looks no further otherwise).
  std::optional<entry> mine;
  std::string mine_says, theirs_says;
  entry theirs = e;
  theirs.hlc = reading;
  theirs.id = id;
  if (here && !here->is_private && here->same_kind && here->same_author) {
    mine = get_entry(j, id);
    // (One set aside here says what its version set aside says: the same version arriving
    // again is the same.)
    const auto aside = mine->deleted ? set_aside_version(j, *mine) : std::nullopt;
    mine_says = content_json(j, aside ? *aside : *mine);
    theirs_says = content_json(j, theirs);
    here->v.content = mine_says;
    here->v.tombstone = mine->deleted && !aside;
  }
  sync::arriving incoming{{*incoming_reading, e.base, theirs_says, !e.hlc.empty(), e.deleted},
                          kind.shared || ascii_lower(by) == ascii_lower(e.author.name)};
  const sync::verdict verdict = sync::decide(here, incoming);
  switch (verdict.what) {
    case sync::decision::invalid:
      throw at_fault(fmt::format("here the same id is a {}", kind_here));
    case sync::decision::refuse:
      ++counts.refused;
      change(fold_change::what::refused,
             incoming.made_by_author ? get_entry(j, id) : e);  // the one said to be moved
      return;
    case sync::decision::keep:
      ++counts.same;
      return;
    case sync::decision::keep_and_set_aside:
      // Kept aside even when it says the same, for what it was made from (conflicts.hpp: a
      // version kept aside that another was made from is no conflict), so that every
      // replica lists the same ones; said only when its words differ.
      keep_aside(j, id, theirs, reading_here, now);
      if (verdict.words_differ) {
        ++counts.kept_aside;
        change(fold_change::what::kept_aside, *mine);
      } else {
        ++counts.same;
      }
      return;
    case sync::decision::take_and_set_aside:
      keep_aside(j, id, *mine, reading, now);
      if (verdict.words_differ) {
        ++counts.kept_aside;
        change(fold_change::what::kept_aside, e.deleted ? *mine : e);
      }
      [[fallthrough]];
    case sync::decision::take:
      if (!here) {
        ++counts.added;
        break;
      }
      ++counts.updated;
      // What a person would see change; a tombstone taking a later tombstone's times is not.
      if (!deleted_here)
        change(e.deleted ? fold_change::what::deleted : fold_change::what::updated,
               e.deleted ? *mine : e);  // a tombstone has no name: the one here
      else if (!e.deleted)
        change(fold_change::what::restored, e);
      break;
  }
  // The other copy's version, whole: its row written anew (a known one's rows replaced).
  // (Kept statements: an import of ten years folds 76,000 entries in one command.)
  SQLite::Statement& head = j.statement(
      "INSERT INTO entries (id, uuid, kind, author, day, time, at_utc, created_utc, updated_utc, "
      "deleted, hlc, base, seq, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN "
      "?13 THEN " +
      std::string(next_seq_sql) +
      " END, (SELECT id FROM partners "
      "WHERE name = ?14)) ON CONFLICT (id) DO UPDATE SET author = excluded.author, day = "
      "excluded.day, time = excluded.time, at_utc = excluded.at_utc, created_utc = "
      "excluded.created_utc, updated_utc = excluded.updated_utc, deleted = excluded.deleted, hlc "
      "= excluded.hlc, base = excluded.base, seq = excluded.seq, changed_by = "
      "excluded.changed_by");
  if (id != 0)
    head.bind(1, id);
  else
    head.bind(1);
  head.bind(2, e.uuid);
  head.bind(3, std::string(kind.name));
  head.bind(4, e.author.id);
  head.bind(5, iso_day(e.day));
  if (e.time)
    head.bind(6, hh_mm(*e.time));
  else
    head.bind(6);
  head.bind(7, e.at_utc);
  head.bind(8, e.created_utc);
  head.bind(9, e.updated_utc);
  head.bind(10, e.deleted ? 1 : 0);
  head.bind(11, reading);
  if (e.base.empty())
    head.bind(12);
  else
    head.bind(12, e.base);
  head.bind(13, counts.pass_on ? 1 : 0);
  head.bind(14, by);
  head.exec();
  head.reset();
  if (id == 0) id = j.db().getLastInsertRowid();
  if (e.deleted) {
    // A tombstone carries no words, and the words this copy had of it go too.
    SQLite::Statement& words =
        j.statement(fmt::format("DELETE FROM {} WHERE entry_id = ?", kind.table));
    words.bind(1, id);
    words.exec();
    words.reset();
    // One of its day set aside here stands again, as on the replica that deleted it.
    if (!deleted_here) settle_period(j, kind, e.author.id, e.day);
    return;
  }
  SQLite::Statement& body = j.statement(body_insert_sql(kind, "INSERT OR REPLACE"));
  body.bind(1, id);
  int index = 2;
  for (const auto& f : kind.fields) bind_field(j, body, index++, f, e.get(f.name));
  body.exec();
  body.reset();
  // Two of a name (a ritual called "Walk" added on each device): between replicas, the one
  // added first keeps it, and the other is renamed "Walk (3f2a)" (the start of its id) on
  // every replica alike, as a change of its own. (A merge or import of a copy is refused instead,
  // and says why.)
  std::string name = kind.unique.empty() ? std::string() : e.text(kind.unique);
  if (!counts.pass_on && !name.empty()) {
    if (const auto holder = name_holder(j, kind, name, id)) {
      const entry other = get_entry(j, holder->id);
      const bool incoming_keeps =
          sync::which_keeps_name({other.created_utc, other.uuid}, {e.created_utc, e.uuid}) ==
          sync::stands::incoming;
      const std::int64_t loser = incoming_keeps ? other.id : id;
      const std::string taken = incoming_keeps ? other.text(kind.unique) : name;
      // Named by its own id, so that every replica gives it the same name whatever else it
      // holds (a counter would differ from one replica to the next).
      const std::string& loser_uuid = incoming_keeps ? other.uuid : e.uuid;
      std::string fresh;
      for (std::size_t n = 4; fresh.empty() || name_holder(j, kind, fresh, loser); n += 2)
        fresh = fmt::format("{} ({})", taken, loser_uuid.substr(0, std::min<std::size_t>(n, 8)));
      SQLite::Statement rename(
          j.db(), fmt::format("UPDATE {} SET {} = ? WHERE entry_id = ?", kind.table, kind.unique));
      rename.bind(1, fresh);
      rename.bind(2, loser);
      rename.exec();
      log_change(j, loser, (incoming_keeps ? other : e).author.id, now);
      if (!incoming_keeps) name = fresh;
      counts.changes.push_back(
          {fold_change::what::renamed, &kind, incoming_keeps ? other.uuid : e.uuid,
           (incoming_keeps ? other : e).author.name, (incoming_keeps ? other : e).day, fresh});
    }
  }
  // What a live entry must not clash with: a name already taken, a partner not here.
  field_values checked;
  for (const auto& f : kind.fields)
    if (f.name == kind.unique || f.type == field_type::partner)
      checked[std::string(f.name)] = f.name == kind.unique ? value(name) : e.get(f.name);
  try {
    check_against_journal(j, kind, checked, id);
  } catch (const data_error& bad) {
    throw at_fault(bad.what());
  }
  // Two of one day (or week) for one author: the later stands, and the other is set aside
  // with its words, never deleted because of this one (a private one never gives way). Each
  // replica decides alike from what it holds, so this is no change of its own to send.
  if (const auto other = same_period(j, kind, e.author.id, e.day, id)) {
    const entry standing = get_entry(j, *other);
    const bool incoming_stands =
        sync::which_stands(
            {hlc::parse(standing.hlc).value_or(hlc{}), standing.uuid, standing.is_private},
            {*incoming_reading, e.uuid, false}) == sync::stands::incoming;
    const entry& loser = incoming_stands ? standing : get_entry(j, id);
    set_aside(j, loser.id, incoming_stands ? reading : standing.hlc, now);
    ++counts.replaced;
    change(incoming_stands ? fold_change::what::replaced : fold_change::what::gave_way, loser);
  }
}

void fold_session::partner(const rebuild::partner& theirs) {
  ours_[ascii_lower(theirs.name)] = fold_partner(j_, theirs, now_, counts_);
}

void fold_session::entry(rebuild::entry e) {
  const auto ours = [this](const std::string& name) {
    // A partner the other copy listed; else (a file written by hand) one of ours by name.
    const auto it = ours_.find(ascii_lower(name));
    return it != ours_.end() ? it->second : find_partner(j_, name);
  };
  e.author = ours(e.author.name);
  if (!e.changed_by.empty()) e.changed_by = ours(e.changed_by).name;
  for (const auto& f : e.kind->fields)
    if (f.type == field_type::partner)
      if (const auto* name = std::get_if<std::string>(&e.get(f.name)))
        e.fields[std::string(f.name)] = ours(*name).name;
  // An entry it refers to that is here (in this journal, or folded in before it) must be of
  // the kind the field names: a concern answer answers a concern, never a gesture. One not
  // here yet may come later in the other copy, which is in order of day (a ritual kept
  // yesterday, added today); import checks at the end of its file that each one came.
  for (const auto& f : e.kind->fields) {
    const auto* id = std::get_if<std::string>(&e.get(f.name));
    if (e.deleted || f.type != field_type::reference || id == nullptr) continue;
    std::optional<rebuild::entry> target;
    try {
      target = find_entry(j_, *id);
    } catch (const data_error&) {
      continue;  // not here (yet)
    }
    if (target->uuid == *id && target->kind->name != f.refers_to)
      throw data_error(fmt::format("{} {}: the {} {} is a {}, not a {}", e.kind->label,
                                   e.short_id(), f.label, id->substr(0, 8), target->kind->label,
                                   kind_named(f.refers_to).label));
  }
  fold_entry(j_, e, now_, counts_);
  if (seen_) seen_(++entries_seen_);
}

}  // namespace rebuild
