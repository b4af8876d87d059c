#pragma once
// Every command, one file each. main.cpp wires them in this order, in one explicit list.
#include "shared/context.hpp"

namespace rebuild::cli {

void setup_init(CLI::App& app, context& ctx, command_list& commands);
void setup_goal(CLI::App& app, context& ctx, command_list& commands);
void setup_checkin(CLI::App& app, context& ctx, command_list& commands);
void setup_gesture(CLI::App& app, context& ctx, command_list& commands);
void setup_bid(CLI::App& app, context& ctx, command_list& commands);
void setup_repair(CLI::App& app, context& ctx, command_list& commands);
void setup_rules(CLI::App& app, context& ctx, command_list& commands);
void setup_timeout(CLI::App& app, context& ctx, command_list& commands);
void setup_agenda(CLI::App& app, context& ctx, command_list& commands);
void setup_concern(CLI::App& app, context& ctx, command_list& commands);
void setup_tasks(CLI::App& app, context& ctx, command_list& commands);
void setup_stage(CLI::App& app, context& ctx, command_list& commands);
void setup_initiate(CLI::App& app, context& ctx, command_list& commands);
void setup_ritual(CLI::App& app, context& ctx, command_list& commands);
void setup_review(CLI::App& app, context& ctx, command_list& commands);
void setup_trigger(CLI::App& app, context& ctx, command_list& commands);
void setup_thought(CLI::App& app, context& ctx, command_list& commands);
void setup_story(CLI::App& app, context& ctx, command_list& commands);
void setup_celebrate(CLI::App& app, context& ctx, command_list& commands);
void setup_transparency(CLI::App& app, context& ctx, command_list& commands);
void setup_therapy(CLI::App& app, context& ctx, command_list& commands);
void setup_inventory(CLI::App& app, context& ctx, command_list& commands);
void setup_passphrase(CLI::App& app, context& ctx, command_list& commands);
void setup_plan(CLI::App& app, context& ctx, command_list& commands);
void setup_config(CLI::App& app, context& ctx, command_list& commands);
void setup_report(CLI::App& app, context& ctx, command_list& commands);
void setup_due(CLI::App& app, context& ctx, command_list& commands);
void setup_calendar(CLI::App& app, context& ctx, command_list& commands);
void setup_log(CLI::App& app, context& ctx, command_list& commands);
void setup_show(CLI::App& app, context& ctx, command_list& commands);
void setup_edit(CLI::App& app, context& ctx, command_list& commands);
void setup_delete(CLI::App& app, context& ctx, command_list& commands);
void setup_undo(CLI::App& app, context& ctx, command_list& commands);
void setup_export(CLI::App& app, context& ctx, command_list& commands);
void setup_import(CLI::App& app, context& ctx, command_list& commands);
void setup_merge(CLI::App& app, context& ctx, command_list& commands);
void setup_backup(CLI::App& app, context& ctx, command_list& commands);
void setup_restore(CLI::App& app, context& ctx, command_list& commands);
void setup_sync(CLI::App& app, context& ctx, command_list& commands);
void setup_conflicts(CLI::App& app, context& ctx, command_list& commands);
void setup_help(CLI::App& app, context& ctx, command_list& commands);

/// `__complete`, hidden from help: what the shells' completion scripts offer for the words
/// typed so far (the last one being completed). Prints the candidates; always 0.
void setup_complete(CLI::App& app, context& ctx, command_list& commands);
int complete(CLI::App& app, std::vector<std::string> words);

}  // namespace rebuild::cli
