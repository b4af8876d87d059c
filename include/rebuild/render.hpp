#pragma once
/// Renderers of a weekly_report: each draws the model it is given onto a stream and asks the
/// journal nothing. The text, markdown and html renderings show the same figures as the json
/// one (tests/unit/render.test.cpp checks it).
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "rebuild/report.hpp"
#include "rebuild/text.hpp"

namespace rebuild {

enum class report_format { text, markdown, json, html };

struct render_options {
  /// Text only: how a heading is set off. The caller that knows the terminal passes its
  /// painter (the CLI's marks its escape sequences, so its terminal filter lets them through
  /// and still escapes any in the journal's words); none leaves headings plain.
  std::function<std::string(std::string_view)> bold;
};

void render(const weekly_report& r, report_format format, std::ostream& out,
            const render_options& options = {});

/// One figure of a practice, this week beside the week before, as the text, markdown and
/// html renderings all show it.
struct figure_row {
  std::string section;  // "Check-ins"
  std::string label;    // "Dan: days"
  std::string now;      // "5 of 7"
  std::string before;   // "3 of 7"
  std::string change;   // "+2", "-0.5", "same", or "" where it does not apply
  std::string target;   // "every day", "" where the guide names none
};
std::vector<figure_row> figure_rows(const weekly_report& r);

/// Text made inert in HTML, so that no viewer turns a journal's words (or a partner's name)
/// into markup: & < > " ' as entities. (markdown_escape, for Markdown, is in text.hpp.)
std::string html_escape(std::string_view text);

}  // namespace rebuild
