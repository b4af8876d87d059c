#!/usr/bin/env bash
# The Debian package, built and read by Debian's own tools: cpack -G DEB from the build
# folder; lintian reports no error and no warning; dpkg-deb shows the control fields;
# dpkg -x unpacks it into a scratch root, where the binary (stripped) keeps a journal, the
# man page (compressed) reads in mandoc, and bash, zsh and fish each find the completion
# where Debian's shells look: bash-completion and fish through XDG_DATA_DIRS (which holds
# /usr/share on a real system), zsh in /usr/share/zsh/vendor-completions, on Debian's fpath.
#
#   package.sh BUILD_DIR
#
# A missing tool skips the test (77), or fails it under CI=true.
set -uo pipefail
build=$(readlink -f "$1")
. "$(dirname "$0")/../need_client.sh"
need_client cpack dpkg-deb dpkg-shlibdeps file lintian mandoc bash zsh fish
[ -f /usr/share/bash-completion/bash_completion ] || need_client bash-completion

T=$(mktemp -d /tmp/rebuild-package.XXXXXX)
trap 'rm -rf "$T"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }

# cpack runs the install rules into its own staging folder under -B; nothing in the build
# folder changes but CPack's own notes.
if ! cpack -G DEB --config "$build/CPackConfig.cmake" -B "$T/out" > "$T/cpack.log" 2>&1; then
  cat "$T/cpack.log"; echo "FAIL: cpack -G DEB"; exit 1
fi
debs=("$T"/out/rebuild_*.deb)
if [ ${#debs[@]} != 1 ] || [ ! -f "${debs[0]}" ]; then
  ls "$T/out"; echo "FAIL: not one .deb"; exit 1
fi
deb=${debs[0]}
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

# lintian: no error and no warning (information tags are printed, not counted).
lintian "$deb" > "$T/lintian.txt" 2> "$T/lintian.err"
lintian_status=$?
cat "$T/lintian.txt"
if grep -q '^[EW]:' "$T/lintian.txt" || [ $lintian_status -gt 1 ]; then
  cat "$T/lintian.err"; fail "lintian reports errors or warnings"
else
  echo "lintian: no error, no warning"
fi

# The control fields.
control=$(dpkg-deb -f "$deb" Package Version Architecture Depends Section Maintainer)
echo "$control"
grep -qx 'Package: rebuild' <<< "$control" || fail "Package"
grep -qx "Architecture: $(dpkg --print-architecture)" <<< "$control" || fail "Architecture"
grep -q '^Depends:.*tzdata' <<< "$control" || fail "Depends has no tzdata"
# What the static binary holds, by source package, and their notices in the copyright file.
built=$(dpkg-deb -f "$deb" Static-Built-Using)
echo "Static-Built-Using: $built"
for source in libsodium sqlite3 libedit ncurses libbsd glibc fmtlib cli11 nlohmann-json3; do
  grep -q "\b$source (= " <<< "$built" || fail "Static-Built-Using does not name $source"
done

# Every file where Debian puts it, and nothing under /usr/local.
dpkg -x "$deb" "$T/root" || { echo "FAIL: dpkg -x"; exit 1; }
for f in usr/bin/rebuild usr/share/man/man1/rebuild.1.gz \
         usr/share/bash-completion/completions/rebuild \
         usr/share/zsh/vendor-completions/_rebuild \
         usr/share/fish/vendor_completions.d/rebuild.fish \
         usr/share/doc/rebuild/copyright usr/share/doc/rebuild/changelog.gz; do
  [ -f "$T/root/$f" ] || fail "missing /$f"
done
[ -e "$T/root/usr/local" ] && fail "files under /usr/local"
copyright="$T/root/usr/share/doc/rebuild/copyright"
for notice in "MIT License" "libsodium" "SQLite" "libedit" "ncurses" "GNU Lesser General Public" \
              "GCC Runtime Library Exception" "CLI11" "nlohmann"; do
  grep -q "$notice" "$copyright" || fail "the copyright file carries no notice of $notice"
done
(cd "$T/root" && find . -type f | sort)

# The binary: stripped, and it keeps a journal from the scratch root.
rebuild="$T/root/usr/bin/rebuild"
file -b "$rebuild" | grep ', stripped' > /dev/null || fail "binary not stripped: $(file -b "$rebuild")"
echo "binary: $(stat -c %s "$rebuild") bytes"
export HOME="$T/home" TZ=Europe/Paris REBUILD_NOW=2026-03-04T09:00 LANG=C.UTF-8 LC_ALL=C.UTF-8
export REBUILD_JOURNAL="$T/home/journal.db"
unset REBUILD_PARTNER XDG_DATA_HOME NO_COLOR
mkdir -p "$HOME"
"$rebuild" --version || fail "--version"
"$rebuild" init --partner Dan --partner Sam > /dev/null || fail "init"
"$rebuild" checkin --as Dan --mood 7 --stress 3 > /dev/null || fail "checkin"
week=$("$rebuild" report --json) || fail "report --json"
python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["checkins"] and d["week"]' <<< "$week" \
  || fail "report --json is not the week"
[ "$(stat -c %a "$REBUILD_JOURNAL")" = 600 ] || fail "journal is not 0600"

# The man page, compressed, as a man reader reads it.
gzip -t "$T/root/usr/share/man/man1/rebuild.1.gz" || fail "man page is not gzip"
page=$(mandoc -T ascii "$T/root/usr/share/man/man1/rebuild.1.gz" | col -bx)
grep -q '^NAME' <<< "$page" || fail "man page has no NAME"
grep -q 'rebuild checkin' <<< "$page" || fail "man page does not read"

# The completions, found by each shell where it looks for a package's, calling the packaged
# binary (first on PATH).
export PATH="$T/root/usr/bin:$PATH" XDG_DATA_DIRS="$T/root/usr/share"
bash_found=$(bash --norc --noprofile -c '
  . /usr/share/bash-completion/bash_completion
  __load_completion rebuild && complete -p rebuild' 2>&1)
echo "bash: $bash_found"
grep -q 'complete .* rebuild$' <<< "$bash_found" || fail "bash-completion did not load it"

export XDG_CONFIG_HOME="$T/home/.config"
# fish's own start-up (no user config: HOME is the scratch one) builds its search path.
# shellcheck disable=SC2016
# (grep reads all that comes, not -q: under pipefail, a shell cut off by grep's early exit
# would fail the pipeline though the line was there.)
fish -c 'string join \n -- $fish_complete_path' | grep -x /usr/share/fish/vendor_completions.d > /dev/null \
  || fail "Debian's fish does not search /usr/share/fish/vendor_completions.d"
fish_found=$(fish -c 'complete -C "rebuild ch"' 2>&1)
echo "fish: $(tr '\n' ' ' <<< "$fish_found")"
grep -q '^checkin' <<< "$fish_found" || fail "fish did not complete 'rebuild ch'"

zsh -fc 'print -l $fpath' | grep -x /usr/share/zsh/vendor-completions > /dev/null \
  || fail "Debian's zsh does not search /usr/share/zsh/vendor-completions"
zsh_found=$(zsh -fc "fpath=($T/root/usr/share/zsh/vendor-completions \$fpath)
  autoload -Uz compinit && compinit -u -d $T/zcompdump && print -r -- \${_comps[rebuild]}" 2>&1)
echo "zsh: $zsh_found"
[ "$zsh_found" = _rebuild ] || fail "zsh's compinit did not find _rebuild"

[ $failed = 0 ] && echo "package: ok"
exit $failed
