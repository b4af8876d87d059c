// The sync secret as words: BIP39's own vectors, secrets that come back from their words as a
// person copies them, and slips (a word too few or too many, one not in the list, two swapped)
// refused in one calm line.
#include "rebuild/secret_words.hpp"

#include <doctest/doctest.h>
#include <sodium.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rebuild/errors.hpp"
#include "secret_wordlist.hpp"

using namespace rebuild;

namespace {

using secret = std::array<unsigned char, 32>;

secret of_hex(std::string_view hex) {
  REQUIRE(hex.size() == 64);
  secret s{};
  for (std::size_t i = 0; i < s.size(); ++i)
    s[i] = static_cast<unsigned char>(std::stoi(std::string(hex.substr(2 * i, 2)), nullptr, 16));
  return s;
}

secret filled(unsigned char b) {
  secret s{};
  s.fill(b);
  return s;
}

std::vector<std::string> split(const std::string& words) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < words.size()) {
    const std::size_t space = words.find(' ', i);
    const std::size_t end = space == std::string::npos ? words.size() : space;
    out.push_back(words.substr(i, end - i));
    i = end + 1;
  }
  return out;
}

std::string join(const std::vector<std::string>& words, std::string_view between = " ") {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += between;
    out += words[i];
  }
  return out;
}

std::string times(std::string_view words, int n, std::string_view last) {
  std::string out;
  for (int i = 0; i < n; ++i) (out += words) += ' ';
  return out + std::string(last);
}

// Bytes 0, 1, …, 31: a fixed secret for the slips below. Its words, as BIP39 writes them:
constexpr std::string_view counting_words =
    "abandon amount liar amount expire adjust cage candy arch gather drum bullet absurd math era "
    "live bid rhythm alien crouch range attend journey unaware";

secret counting() {
  secret s{};
  for (std::size_t i = 0; i < s.size(); ++i) s[i] = static_cast<unsigned char>(i);
  return s;
}

const char* const wrong_count_tail =
    "it needs the 24 words that 'rebuild sync init' showed on the other device";
const char* const checksum_message =
    "the secret's words do not check out (a word mistyped or two swapped); check them against "
    "the other device";

}  // namespace

TEST_CASE("the wordlist is BIP39's English list, unchanged") {
  std::string file;
  for (const std::string_view w : bip39_english) (file += w) += '\n';
  std::array<unsigned char, crypto_hash_sha256_BYTES> hash{};
  crypto_hash_sha256(hash.data(), reinterpret_cast<const unsigned char*>(file.data()), file.size());
  std::string hex(hash.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
  hex.pop_back();
  // english.txt in bitcoin/bips and in trezor/python-mnemonic.
  CHECK(hex == "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda");
}

TEST_CASE("BIP39's 256-bit vectors are written as its words, and read back") {
  struct bip39_vector {
    secret s;
    std::string words;
  };
  const std::vector<bip39_vector> vectors = {
      {filled(0x00), times("abandon", 23, "art")},
      {filled(0x7f), times("legal winner thank year wave sausage worth useful", 2,
                           "legal winner thank year wave sausage worth title")},
      {filled(0x80), times("letter advice cage absurd amount doctor acoustic avoid", 2,
                           "letter advice cage absurd amount doctor acoustic bless")},
      {filled(0xff), times("zoo", 23, "vote")},
      // The rest of trezor/python-mnemonic's vectors.json of 256 bits.
      {of_hex("68a79eaca2324873eacc50cb9c6eca8cc68ea5d936f98787c60c7ebc74e6ce7c"),
       "hamster diagram private dutch cause delay private meat slide toddler razor book happy "
       "fancy gospel tennis maple dilemma loan word shrug inflict delay length"},
      {of_hex("9f6a2878b2520799a44ef18bc7df394e7061a224d2c33cd015b157d746869863"),
       "panda eyebrow bullet gorilla call smoke muffin taste mesh discover soft ostrich alcohol "
       "speed nation flash devote level hobby quick inner drive ghost inside"},
      {of_hex("066dca1a2bb7e8a1db2832148ce9933eea0f3ac9548d793112d9a95c9407efad"),
       "all hour make first leader extend hole alien behind guard gospel lava path output census "
       "museum junior mass reopen famous sing advance salt reform"},
      {of_hex("f585c11aec520db57dd353c69554b21a89b20fb0650966fa0a9d6f74fd989d8f"),
       "void come effort suffer camp survey warrior heavy shoot primary clutch crush open amazing "
       "screen patrol group space point ten exist slush involve unfold"},
  };
  for (const bip39_vector& v : vectors) {
    CAPTURE(v.words);
    CHECK(split(v.words).size() == 24);
    CHECK(words_of_secret(v.s) == v.words);
    CHECK(secret_of_words(v.words) == v.s);
  }
  CHECK(words_of_secret(counting()) == counting_words);
}

TEST_CASE("random secrets come back from their words") {
  REQUIRE(sodium_init() >= 0);
  for (int i = 0; i < 300; ++i) {
    secret s{};
    randombytes_buf(s.data(), s.size());
    const std::string words = words_of_secret(s);
    const std::vector<std::string> each = split(words);
    REQUIRE(each.size() == 24);
    for (const std::string& w : each) {
      CHECK(w.size() >= 3);
      CHECK(w.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos);
    }
    CHECK(secret_of_words(words) == s);
  }
}

TEST_CASE("words are read in any case, between any whitespace, and by their first four letters") {
  const secret s = counting();
  const std::vector<std::string> words = split(std::string(counting_words));
  // Upper case and mixed case.
  std::string upper = std::string(counting_words);
  for (char& c : upper) c = static_cast<char>(c == ' ' ? c : c - 'a' + 'A');
  CHECK(secret_of_words(upper) == s);
  CHECK(secret_of_words("Abandon aMOUNT " + join({words.begin() + 2, words.end()})) == s);
  // As copied from a note: new lines, tabs, several spaces, around and between.
  std::string note = "\n  ";
  for (std::size_t i = 0; i < words.size(); ++i)
    note += words[i] + (i % 6 == 5 ? "\r\n" : i % 2 ? "\t" : "   ");
  CHECK(secret_of_words(note) == s);
  // Each word by its first four letters (a three-letter word whole), or by more of it.
  std::vector<std::string> four;
  for (const std::string& w : words) four.push_back(w.substr(0, 4));
  CHECK(join(four) ==
        "aban amou liar amou expi adju cage cand arch gath drum bull absu math era live bid rhyt "
        "alie crou rang atte jour unaw");
  CHECK(secret_of_words(join(four, "\n")) == s);
  std::vector<std::string> five = words;
  five[0] = "aband";
  five[4] = "EXPIr";
  five[23] = "unawar";
  CHECK(secret_of_words(join(five)) == s);
  // A word of three letters is written whole; and every word may be.
  CHECK(secret_of_words(times("aban", 23, "art")) == filled(0x00));
  CHECK(secret_of_words(times("ZOO", 23, "vote")) == filled(0xff));
}

TEST_CASE("too few or too many words are refused, saying how many there are") {
  const std::vector<std::string> words = split(std::string(counting_words));
  const std::string one_short = join({words.begin(), words.end() - 1});
  CHECK_THROWS_WITH_AS(secret_of_words(one_short),
                       (std::string("the sync secret has 23 words; ") + wrong_count_tail).c_str(),
                       data_error);
  CHECK_THROWS_WITH_AS(secret_of_words(std::string(counting_words) + " zoo"),
                       (std::string("the sync secret has 25 words; ") + wrong_count_tail).c_str(),
                       data_error);
  CHECK_THROWS_WITH_AS(secret_of_words(" \n\t "),
                       (std::string("the sync secret has no words; ") + wrong_count_tail).c_str(),
                       data_error);
  CHECK_THROWS_WITH_AS(secret_of_words("abandon"),
                       (std::string("the sync secret has 1 word; ") + wrong_count_tail).c_str(),
                       data_error);
  // Two words run together, or one split in two, is a wrong count too.
  CHECK_THROWS_AS(secret_of_words("abandonamount " + join({words.begin() + 2, words.end()})),
                  data_error);
  CHECK_THROWS_AS(secret_of_words("aban don " + join({words.begin() + 1, words.end()})),
                  data_error);
}

TEST_CASE("a word not in the list is refused, by its place") {
  const std::vector<std::string> words = split(std::string(counting_words));
  const auto with = [&](std::size_t place, std::string word) {
    std::vector<std::string> out = words;
    out[place - 1] = std::move(word);
    return join(out);
  };
  const std::string tail = " is not one of the secret's words; check it against the other device";
  CHECK_THROWS_WITH_AS(secret_of_words(with(7, "abx")), ("word 7 ('abx')" + tail).c_str(),
                       data_error);
  // Fewer than four letters of a longer word; letters past the word's end; not a word's start.
  CHECK_THROWS_WITH_AS(secret_of_words(with(1, "aba")), ("word 1 ('aba')" + tail).c_str(),
                       data_error);
  CHECK_THROWS_WITH_AS(secret_of_words(with(24, "ar")), ("word 24 ('ar')" + tail).c_str(),
                       data_error);
  CHECK_THROWS_WITH_AS(secret_of_words(with(1, "abandons")), ("word 1 ('abandons')" + tail).c_str(),
                       data_error);
  CHECK_THROWS_WITH_AS(secret_of_words(with(13, "arts")), ("word 13 ('arts')" + tail).c_str(),
                       data_error);
  CHECK_THROWS_WITH_AS(secret_of_words(with(2, "amoutn")), ("word 2 ('amoutn')" + tail).c_str(),
                       data_error);
  // Something long, or with control characters, is not echoed back.
  CHECK_THROWS_WITH_AS(secret_of_words(with(3, "liarliarliarliar")), ("word 3" + tail).c_str(),
                       data_error);
  CHECK_THROWS_WITH_AS(secret_of_words(with(3, "li\x1b[2Jar")), ("word 3" + tail).c_str(),
                       data_error);
  CHECK_THROWS_WITH_AS(secret_of_words(with(3, "li\xc3\xa4r")), ("word 3" + tail).c_str(),
                       data_error);
  // The first word not in the list is the one named.
  std::vector<std::string> two = words;
  two[4] = "nope";
  two[9] = "nada";
  CHECK_THROWS_WITH_AS(secret_of_words(join(two)), ("word 5 ('nope')" + tail).c_str(), data_error);
}

TEST_CASE("two swapped words, or a word mistyped into another, are refused by the checksum") {
  const std::vector<std::string> words = split(std::string(counting_words));
  const auto swapped = [&](std::size_t a, std::size_t b) {
    std::vector<std::string> out = words;
    std::swap(out[a - 1], out[b - 1]);
    return join(out);
  };
  // Words 7 and 8 ("cage candy") swapped.
  CHECK_THROWS_WITH_AS(secret_of_words(swapped(7, 8)), checksum_message, data_error);
  // The last word, which holds the checksum, swapped with another.
  CHECK_THROWS_WITH_AS(secret_of_words(swapped(1, 24)), checksum_message, data_error);
  // A word mistyped into another word of the list.
  std::vector<std::string> typo = words;
  typo[4] = "expose";
  CHECK_THROWS_WITH_AS(secret_of_words(join(typo)), checksum_message, data_error);
  typo = words;
  typo[23] = "unfair";
  CHECK_THROWS_WITH_AS(secret_of_words(join(typo)), checksum_message, data_error);
  // Eight bits of checksum let 1 slip in 256 by: of this secret's 275 swaps of two different
  // words, only words 16 and 23 swapped check out, and give another secret.
  int got_by = 0;
  for (std::size_t a = 1; a <= 24; ++a) {
    for (std::size_t b = a + 1; b <= 24; ++b) {
      if (words[a - 1] == words[b - 1]) continue;
      std::optional<secret> read;
      try {
        read = secret_of_words(swapped(a, b));
      } catch (const data_error& e) {
        CHECK(std::string(e.what()) == checksum_message);
      }
      if (!read) continue;
      CHECK(*read != counting());
      CHECK(a == 16);
      CHECK(b == 23);
      ++got_by;
    }
  }
  CHECK(got_by == 1);
}
