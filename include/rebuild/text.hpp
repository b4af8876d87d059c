#pragma once
/// Free text as people write it: UTF-8 of any script.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rebuild {

/// The code point at byte `i` of `s` and its length in bytes; {U+FFFD, 1} for a byte that
/// does not start a whole, well-formed UTF-8 sequence (a surrogate or an overlong form is
/// not well-formed).
std::pair<char32_t, std::size_t> decode_utf8(std::string_view s, std::size_t i);

/// The number of code points in valid UTF-8; nullopt when it is not valid UTF-8 (RFC 3629:
/// no surrogate, no overlong form, nothing past U+10FFFF).
std::optional<std::size_t> utf8_length(std::string_view s);

/// The first control character in valid UTF-8 text: C0 (but line breaks and tabs, when
/// `allow_breaks`), DEL or C1. Its code point, or nullopt when there is none.
std::optional<char32_t> first_control(std::string_view s, bool allow_breaks);
/// The first bidirectional embedding, override or isolate character (U+202A-U+202E,
/// U+2066-U+2069), which could make a name read as another; nullopt when there is none.
std::optional<char32_t> first_bidi_control(std::string_view s);
/// The text with every control character (C0 but line breaks and tabs, DEL, C1) written as
/// a visible escape (\x1b, \u009b): text from the journal shown on a terminal never drives
/// it. Bytes that are not valid UTF-8 are shown as \xNN too.
std::string escape_controls(std::string_view s);
/// "U+001B".
std::string code_point_name(char32_t c);

/// ASCII letters in lower case (names and keywords match case-insensitively, as SQLite's
/// NOCASE does).
std::string ascii_lower(std::string_view s);

/// The columns a terminal gives `text`, as libunistring's uc_width counts them: two for a
/// wide character (CJK, most emoji), none for a combining mark or a zero-width character,
/// one for any other (and for a byte that is not UTF-8).
std::size_t display_width(std::string_view text);

/// Breaks text into lines of at most `width` columns (at least 1) where Unicode's line
/// breaking rules (UAX #14) allow it: after a space or a hyphen, between ideographs, never
/// before closing punctuation. A word wider than `width` alone is cut. Line breaks in the
/// text are kept (an empty line stays empty); a tab is a space; spaces at a break are
/// dropped, those that start a paragraph kept.
std::vector<std::string> wrap_text(std::string_view text, std::size_t width);
/// As above, the first line at most `first_width` columns (text that follows a label).
std::vector<std::string> wrap_text(std::string_view text, std::size_t first_width,
                                   std::size_t width);

/// Text made inert in Markdown, so that no viewer turns a journal's words (or a partner's
/// name) into markup: backslash-escapes what Markdown (GFM) would read as emphasis, code, a
/// link, an image, raw HTML, a table cell's end, a heading, a list or a bare URL, and writes
/// line breaks as <br>. (The report's markdown and `export --format markdown` both use it.)
std::string markdown_escape(std::string_view text);

/// The bytes that hexadecimal text (as SQLite's hex() writes it) spells; nullopt for text that
/// is not hexadecimal.
std::optional<std::string> bytes_of_hex(std::string_view hex);

}  // namespace rebuild
