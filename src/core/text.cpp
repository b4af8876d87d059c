#include "rebuild/text.hpp"

#include <cctype>

namespace rebuild {
namespace {

std::size_t sequence_length(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6 && c >= 0xc2) return 2;
  if ((c >> 4) == 0xe) return 3;
  if ((c >> 3) == 0x1e && c <= 0xf4) return 4;
  return 0;
}

/// Code points of (already valid) UTF-8, as byte strings.
std::vector<std::string> code_points(std::string_view s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = sequence_length(static_cast<unsigned char>(s[i]));
    if (len == 0 || i + len > s.size()) len = 1;
    out.emplace_back(s.substr(i, len));
    i += len;
  }
  return out;
}

bool is_control(char32_t c, bool allow_breaks) {
  if (allow_breaks && (c == '\n' || c == '\t')) return false;
  return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f);
}

}  // namespace

std::pair<char32_t, std::size_t> decode_utf8(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const std::size_t len = sequence_length(c);
  if (len == 0 || i + len > s.size()) return {0xFFFD, 1};
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b >> 6) != 0x2) return {0xFFFD, 1};
    cp = (cp << 6) | (b & 0x3f);
  }
  return {cp, len};
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
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = sequence_length(static_cast<unsigned char>(s[i]));
    if (len == 0 || i + len > s.size()) return std::nullopt;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return std::nullopt;
    i += len;
    ++count;
  }
  return count;
}

std::vector<std::string> wrap(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string_view paragraph =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    const auto cps = code_points(paragraph);
    std::size_t i = 0;
    if (cps.empty()) lines.emplace_back();
    while (i < cps.size()) {
      std::size_t stop = std::min(cps.size(), i + width);
      if (stop < cps.size()) {
        std::size_t space = stop;
        while (space > i && cps[space] != " ") --space;
        if (space > i) stop = space;
      }
      std::string line;
      for (std::size_t k = i; k < stop; ++k) line += cps[k];
      lines.push_back(line);
      i = stop;
      while (i < cps.size() && cps[i] == " ") ++i;
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
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
