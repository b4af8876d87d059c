#include "rebuild/text.hpp"

#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace rebuild {
namespace {

const std::uint8_t* bytes(std::string_view s) {
  return reinterpret_cast<const std::uint8_t*>(s.data());
}

/// The columns one code point takes; a control character (which is shown escaped, if at
/// all) one.
std::size_t code_point_width(char32_t c) {
  const int w = uc_width(static_cast<ucs4_t>(c), "UTF-8");
  return w < 0 ? 1 : static_cast<std::size_t>(w);
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

/// One paragraph (no line breaks in it, tabs already spaces) into `lines`: its first line at
/// most `first_width` columns, the others `width`. A line ends where UAX #14 allows a break
/// (libunistring finds them) and the next word would not fit; a word wider than a whole
/// line is cut where the line is full.
void wrap_paragraph(std::string_view text, std::size_t first_width, std::size_t width,
                    std::vector<std::string>& lines) {
  if (trim_right(text).empty()) {
    lines.emplace_back();
    return;
  }
  // breaks[k] says whether a line may break before byte k.
  std::vector<char> breaks(text.size());
  u8_possible_linebreaks(bytes(text), text.size(), "UTF-8", breaks.data());
  const auto may_break_before = [&](std::size_t k) {
    return k >= text.size() || breaks[k] == UC_BREAK_POSSIBLE || breaks[k] == UC_BREAK_MANDATORY;
  };
  std::size_t i = 0;
  bool first = true;
  while (i < text.size()) {
    if (!first)
      while (i < text.size() && text[i] == ' ') ++i;
    if (i == text.size()) break;
    const std::size_t room = first ? first_width : width;
    first = false;
    // As far as fits; the last break seen after some text is where the line may end.
    std::size_t used = 0;
    std::size_t j = i;
    std::size_t last_break = std::string_view::npos;
    bool text_seen = false;
    while (j < text.size()) {
      if (j > i && text_seen && may_break_before(j)) last_break = j;
      if (text[j] != ' ') text_seen = true;
      const auto [cp, len] = decode_utf8(text, j);
      const std::size_t w = code_point_width(cp);
      if (used + w > room) break;
      used += w;
      j += len;
    }
    std::size_t stop = j;
    if (j < text.size()) {
      // Spaces where the line is full end it, if a break follows them.
      std::size_t after = j;
      while (after < text.size() && text[after] == ' ') ++after;
      const bool at_spaces = after > j && may_break_before(after);
      if (!at_spaces && !may_break_before(j)) {
        if (last_break != std::string_view::npos)
          stop = last_break;  // before the word that would not fit
        else if (j == i)
          stop = i + decode_utf8(text, i).second;  // a character wider than the line
      }
    }
    lines.emplace_back(trim_right(text.substr(i, stop - i)));
    i = stop;
  }
}

bool is_control(char32_t c, bool allow_breaks) {
  if (allow_breaks && (c == '\n' || c == '\t')) return false;
  return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f);
}

}  // namespace

std::pair<char32_t, std::size_t> decode_utf8(std::string_view s, std::size_t i) {
  ucs4_t cp = 0;
  const int len = u8_mbtoucr(&cp, bytes(s) + i, s.size() - i);
  if (len <= 0) return {0xFFFD, 1};  // invalid (-1) or cut short (-2): one byte, replaced
  return {static_cast<char32_t>(cp), static_cast<std::size_t>(len)};
}

std::optional<char32_t> first_control(std::string_view s, bool allow_breaks) {
  for (std::size_t i = 0; i < s.size();) {
    const auto [cp, len] = decode_utf8(s, i);
    if (is_control(cp, allow_breaks)) return cp;
    i += len;
  }
  return std::nullopt;
}

std::optional<char32_t> first_bidi_control(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto [cp, len] = decode_utf8(s, i);
    if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return cp;
    i += len;
  }
  return std::nullopt;
}

std::string escape_controls(std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto [cp, len] = decode_utf8(s, i);
    const auto byte = static_cast<unsigned char>(s[i]);
    if (cp == 0xFFFD && len == 1 && byte >= 0x80) {  // not UTF-8: the byte, visibly
      out += "\\x";
      out += hex[byte >> 4];
      out += hex[byte & 0xf];
    } else if (cp == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
      out += '\r';  // a Windows line end (CSV, iCalendar) is harmless
    } else if (is_control(cp, true)) {
      out += cp < 0x80 ? "\\x" : "\\u00";
      out += hex[(cp >> 4) & 0xf];
      out += hex[cp & 0xf];
    } else if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) {
      // A bidirectional override or isolate would turn the rest of the line around on a
      // terminal (a date read backwards, words hidden): shown, never obeyed.
      out += "\\u";
      for (int k = 3; k >= 0; --k) out += hex[(cp >> (4 * k)) & 0xf];
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string code_point_name(char32_t c) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out = "U+";
  const int digits = c > 0xfffff ? 6 : c > 0xffff ? 5 : 4;
  for (int k = digits - 1; k >= 0; --k) out += hex[(c >> (4 * k)) & 0xf];
  return out;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::optional<std::size_t> utf8_length(std::string_view s) {
  if (u8_check(bytes(s), s.size()) != nullptr) return std::nullopt;
  return u8_mbsnlen(bytes(s), s.size());
}

std::size_t display_width(std::string_view text) {
  std::size_t columns = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto [cp, len] = decode_utf8(text, i);
    columns += code_point_width(cp);
    i += len;
  }
  return columns;
}

std::vector<std::string> wrap_text(std::string_view text, std::size_t width) {
  return wrap_text(text, width, width);
}

std::vector<std::string> wrap_text(std::string_view text, std::size_t first_width,
                                   std::size_t width) {
  first_width = std::max<std::size_t>(first_width, 1);
  width = std::max<std::size_t>(width, 1);
  std::string spaced(text);
  std::replace(spaced.begin(), spaced.end(), '\t', ' ');
  std::vector<std::string> lines;
  std::string_view rest = spaced;
  while (true) {
    const auto end = rest.find('\n');
    std::string_view paragraph = rest.substr(0, end);
    if (!paragraph.empty() && paragraph.back() == '\r') paragraph.remove_suffix(1);
    wrap_paragraph(paragraph, lines.empty() ? first_width : width, width, lines);
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return lines;
}

std::string markdown_escape(std::string_view text) {
  std::string out;
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  bool at_start = true;  // only spaces so far: where a list, heading or quote would begin
  bool digits = true;    // only digits so far: "1." or "1)" would begin an ordered list
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const char prev = i > 0 ? text[i - 1] : '\0';
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    bool escape = false;
    switch (c) {
      case '\r':
        continue;
      case '\n':
        out += "<br>";
        continue;  // a break inside the line, never a new block
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '#':
      case '|':
      case '!':
      case '~':
      case '&':
      case '@':
      case '{':
      case '}':
      case '^':
        escape = true;
        break;
      case '-':
      case '+':
      case '=':
        escape = at_start;
        break;
      case '.':
      case ')':
        // an ordered list's "1." or "1)", and the dots of a bare domain (www.x.com)
        escape = (digits && i > 0 && std::isdigit(static_cast<unsigned char>(prev))) ||
                 (c == '.' && alnum(prev) && alnum(next));
        break;
      case ':':  // a bare URL (http://) or an emoji short code (:x:), not a time (21:00)
        escape = next != '\0' && next != ' ' && std::isdigit(static_cast<unsigned char>(next)) == 0;
        break;
      default:
        break;
    }
    if (escape) out += '\\';
    out += c;
    at_start = at_start && c == ' ';
    digits = digits && (std::isdigit(static_cast<unsigned char>(c)) != 0 || (c == ' ' && at_start));
  }
  return out;
}

std::optional<std::string> bytes_of_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  const auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = digit(hex[i]), lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

}  // namespace rebuild
