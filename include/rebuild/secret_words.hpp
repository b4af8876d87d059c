#pragma once
/// The couple's sync secret as words. `rebuild sync init` shows the 32-byte secret once, for
/// the other partner to copy to their device by hand; 24 words are far easier to copy and read
/// out than 64 hex digits, and a wrong copy is caught before it is used. The words are BIP39's
/// (its English list, 11 bits a word, and its checksum: the first byte of the secret's
/// SHA-256), exactly, so that any BIP39 tool reads them too and its published vectors test
/// them; nothing here is a wallet, and no seed is derived from the words.
#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace rebuild {

/// Words in a sync secret: 256 bits of secret and 8 of checksum, 11 bits a word.
inline constexpr std::size_t secret_word_count = 24;

/// The secret as 24 BIP39 words, lower case, one space between them. The string is the secret
/// itself, written out: show it, then wipe it (crypto::wipe) rather than keep it.
std::string words_of_secret(const std::array<unsigned char, 32>& secret);

/// The secret that words_of_secret() wrote as `words`, as a person copied them: any whitespace
/// between words (spaces, tabs, new lines), any case, and each word whole or by its first four
/// letters or more (BIP39 words differ within their first four; a word of three letters is
/// given whole). Throws data_error, in one line that shows no more of the secret than one
/// mistyped word, for the wrong number of words, a word not in the list, or words whose
/// checksum does not check out (a word mistyped into another, or two swapped: 1 such slip in
/// 256 gets by).
std::array<unsigned char, 32> secret_of_words(std::string_view words);

}  // namespace rebuild
