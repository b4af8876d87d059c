#!/usr/bin/env bash
# The README's systemd user units, as a user would save them from it, pass
# `systemd-analyze --user verify` (where systemd-analyze exists; skipped otherwise), with
# rebuild where the README says a ~/.local install puts it; and no reminder hides a failure
# behind `|| true`.
set -u
bin=$1
root=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
grep -n '|| true' "$root/README.md" && fail "a README line hides failures behind '|| true'"
if ! command -v systemd-analyze > /dev/null; then
  echo "systemd-analyze is not here: the units are not verified"
  exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" XDG_RUNTIME_DIR="$T/run"
mkdir -m 700 "$T/run"
units="$HOME/.config/systemd/user"
mkdir -p "$units" "$HOME/.local/bin"
ln -s "$(realpath "$bin")" "$HOME/.local/bin/rebuild"
# Each ```ini block whose first line names a unit file ("# rebuild-due.service") is saved there.
python3 - "$root/README.md" "$units" <<'PY' || fail "no units found in the README"
import os, re, sys
text = open(sys.argv[1]).read()
found = 0
for block in re.findall(r"```ini\n(.*?)```", text, re.S):
    first, _, rest = block.partition("\n")
    m = re.fullmatch(r"# (rebuild-[a-z-]+\.(service|timer))", first.strip())
    if m:
        with open(os.path.join(sys.argv[2], m.group(1)), "w") as f:
            f.write(rest)
        found += 1
sys.exit(0 if found >= 4 else 1)
PY
ls "$units"
cd "$units" || exit 1
out=$(systemd-analyze --user verify ./*.service ./*.timer 2>&1)
status=$?
# A container without a running user manager says so; that is not about the units.
out=$(printf '%s\n' "$out" | grep -v -e 'Failed to connect' -e 'No such file or directory.*bus' -e '^$' || true)
if [ "$status" -ne 0 ] || [ -n "$out" ]; then
  printf '%s\n' "$out"
  fail "systemd-analyze verify found problems in the README's units"
fi
echo "systemd-analyze --user verify: the README's units are clean"
