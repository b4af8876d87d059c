#!/usr/bin/env bash
# `rebuild sync` through a real Syncthing: two Syncthing instances on 127.0.0.1 only (no
# discovery, relays, NAT, usage reports or upgrades) share one folder, at folderA for Dan's
# journal and at folderB for Sam's. Each side writes, syncs into its folder, Syncthing carries
# the files across, each side syncs again; then an edit on one side and a delete on the other.
# Both journals must end up exporting the same CSV, the folders must hold only sealed
# <replica>/<n>.rbx files (no marker word in them, no temporary file left), and no Syncthing
# process may outlive the test. Skipped (77) when syncthing is not installed.
set -euo pipefail
command -v syncthing > /dev/null \
  || { echo "syncthing is not installed; skipping the real-Syncthing sync test"; exit 77; }
bin=$(readlink -f "$1")
py=$(command -v python3) || { echo "skipped: python3 is not installed"; exit 77; }
T=$(mktemp -d /tmp/rebuild-syncthing.XXXXXX)
budget=55  # seconds for the whole test; every wait below fails once it is spent
st_pids=()
cleanup() {
  local pid
  for pid in "${st_pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${st_pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
  done
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
export HOME="$T" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
# STMONITORED=1: Syncthing's inner process alone, without the monitor that would otherwise
# fork it (a child the monitor's death would leave running).
# STHASHING=standard: no hashing benchmark at start (a second saved on each).
export STNODEFAULTFOLDER=1 STNOUPGRADE=1 STNORESTART=1 STMONITORED=1 STHASHING=standard
cd "$T"

fail() { echo "FAIL: $*" >&2; exit 1; }
# st_fail: a failure of the Syncthing side, with the end of both logs.
st_fail() {
  local name
  for name in A B; do
    [ -f "$T/st$name.log" ] || continue
    echo "--- the end of Syncthing $name's log:" >&2; tail -n 12 "$T/st$name.log" >&2
  done
  fail "$@"
}
ok() { echo "ok: $*"; }

# ---- The Syncthing harness ---------------------------------------------------------------
# st.py: free ports, config.xml edits, REST calls and the "carried" check, in one place.
cat > "$T/st.py" <<'PY'
import copy, hashlib, json, os, socket, sys, urllib.request
import xml.etree.ElementTree as ET

def ports(n):
    socks = [socket.socket() for _ in range(int(n))]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    print(" ".join(str(s.getsockname()[1]) for s in socks))

def configure(conf, name, apikey, gui, listen, folder, path, peer_name, peer_id, peer_addr):
    """Loopback only, nothing phoned home; the peer (at peer_addr); one shared folder."""
    tree = ET.parse(conf)
    root = tree.getroot()
    me = root.find("device")
    me.set("name", name)
    root.find("gui/address").text = "127.0.0.1:" + gui
    root.find("gui/apikey").text = apikey
    opts = root.find("options")
    for e in opts.findall("listenAddress"):
        opts.remove(e)
    settings = {
        "listenAddress": "tcp://127.0.0.1:" + listen,
        "globalAnnounceEnabled": "false", "localAnnounceEnabled": "false",
        "relaysEnabled": "false", "natEnabled": "false", "announceLANAddresses": "false",
        "urAccepted": "-1", "urSeen": "3", "autoUpgradeIntervalH": "0",
        "crashReportingEnabled": "false", "startBrowser": "false",
        "reconnectionIntervalS": "1", "setLowPriority": "false", "minHomeDiskFree": "0",
        "progressUpdateIntervalS": "-1",
    }
    for key, value in settings.items():
        e = opts.find(key)
        if e is None:
            e = ET.SubElement(opts, key)
        e.text = value
    peer = copy.deepcopy(root.find("defaults/device"))
    peer.set("id", peer_id)
    peer.set("name", peer_name)
    peer.find("address").text = peer_addr
    root.insert(list(root).index(me) + 1, peer)
    f = copy.deepcopy(root.find("defaults/folder"))
    f.set("id", folder)
    f.set("label", folder)
    f.set("path", path)
    f.set("rescanIntervalS", "5")
    f.set("fsWatcherEnabled", "true")
    f.set("fsWatcherDelayS", "1")
    for d in f.findall("device"):
        f.remove(d)
    for i, dev in enumerate((me.get("id"), peer_id)):
        d = ET.Element("device", {"id": dev, "introducedBy": ""})
        ET.SubElement(d, "encryptionPassword").text = ""
        f.insert(i, d)
    f.find("minDiskFree").text = "0"
    root.insert(0, f)
    tree.write(conf)

def api(port, apikey, method, path):
    req = urllib.request.Request("http://127.0.0.1:%s%s" % (port, path), method=method,
                                 headers={"X-API-Key": apikey})
    with urllib.request.urlopen(req, timeout=10) as r:
        body = r.read()
    return json.loads(body) if body.strip() else None

def tree_of(path):
    """relative path -> sha256, Syncthing's own marker and versions left out."""
    out = {}
    for top, dirs, files in os.walk(path):
        rel = os.path.relpath(top, path)
        if rel == ".":
            dirs[:] = [d for d in dirs if d not in (".stfolder", ".stversions")]
        for name in files:
            p = os.path.join(top, name)
            with open(p, "rb") as fh:
                out[os.path.normpath(os.path.join(rel, name))] = hashlib.sha256(fh.read()).hexdigest()
    return out

def carried(apikey, folder, port_a, path_a, id_a, port_b, path_b, id_b):
    """Exit 0 when both folders hold the same files and both Syncthings are idle with
    nothing needed; else print what is still missing and exit 1."""
    ta, tb = tree_of(path_a), tree_of(path_b)
    why = []
    if ta != tb:
        why.append("only in A: %s; only in B: %s; differ: %s" % (
            sorted(set(ta) - set(tb)), sorted(set(tb) - set(ta)),
            sorted(k for k in set(ta) & set(tb) if ta[k] != tb[k])))
    for name, port, peer in (("A", port_a, id_b), ("B", port_b, id_a)):
        st = api(port, apikey, "GET", "/rest/db/status?folder=" + folder)
        if st["state"] != "idle" or st["needTotalItems"] or st.get("error"):
            why.append("%s is %s, needs %d item(s) %s" % (name, st["state"], st["needTotalItems"],
                                                          st.get("error", "")))
        c = api(port, apikey, "GET", "/rest/db/completion?folder=%s&device=%s" % (folder, peer))
        if c["completion"] < 100 or c["needItems"] or c["needDeletes"]:
            why.append("%s sees its peer at %s%%" % (name, c["completion"]))
    if why:
        print("; ".join(why))
        sys.exit(1)

def main(cmd, args):
    if cmd == "ports":
        ports(*args)
    elif cmd == "configure":
        configure(*args)
    elif cmd == "carried":
        carried(*args)
    elif cmd == "devid":  # devid CONFIG: this device's id, as generate wrote it
        print(ET.parse(args[0]).getroot().find("device").get("id"))
    elif cmd == "get":  # get PORT APIKEY PATH EXPR: print EXPR evaluated on the JSON answer j
        print(eval(args[3], {"j": api(args[0], args[1], "GET", args[2])}))
    elif cmd == "post":
        api(args[0], args[1], "POST", args[2])

try:
    main(sys.argv[1], sys.argv[2:])
except (OSError, KeyError, ValueError) as e:  # URLError is an OSError: one line, not a trace
    print("%s: %s" % (type(e).__name__, e))
    sys.exit(1)
PY
st() { "$py" "$T/st.py" "$@"; }

folder_id=rebuild-sync
apikey=rebuild-test-$RANDOM$RANDOM$RANDOM
folderA="$T/folderA" folderB="$T/folderB"
declare -A gui_port listen_port dev_id

# left: seconds of the budget still unspent.
left() { echo $((budget - SECONDS)); }
# wait_for WHAT CMD...: run CMD every 0.25 s until it succeeds; fail (with CMD's last output)
# once the test's budget is spent.
wait_for() {
  local what=$1 out; shift
  while :; do
    out=$("$@" 2>&1) && return 0
    local name
    for name in A B; do
      [ -z "${st_pid[$name]:-}" ] || kill -0 "${st_pid[$name]}" 2> /dev/null \
        || st_fail "Syncthing $name exited while waiting for $what"
    done
    [ "$(left)" -gt 0 ] || st_fail "timed out (${budget}s in all) waiting for $what: $out"
    sleep 0.25
  done
}
declare -A st_pid

# st_setup: two homes, their device ids, each config knowing the other. Only A dials (it has
# B's address; B has A's as "dynamic", which resolves to nothing with discovery off): when
# both dial at the same moment, 1.19 gets two crossed connections whose Hello exchange hangs
# until its 20 s timeout (2 runs in 20 here), and both redial at once after any drop.
st_setup() {
  local name peer addr
  read -r "gui_port[A]" "gui_port[B]" "listen_port[A]" "listen_port[B]" <<< "$(st ports 4)"
  for name in A B; do
    syncthing generate --home="$T/st$name" --no-default-folder > "$T/st$name.gen" 2>&1 \
      || { cat "$T/st$name.gen" >&2; st_fail "syncthing generate failed for $name"; }
    dev_id[$name]=$(st devid "$T/st$name/config.xml")
  done
  mkdir -p "$folderA/.stfolder" "$folderB/.stfolder"
  for name in A B; do
    if [ $name = A ]; then peer=B addr="tcp://127.0.0.1:${listen_port[B]}"; else peer=A addr=dynamic; fi
    st configure "$T/st$name/config.xml" "rebuild-test-$name" "$apikey" "${gui_port[$name]}" \
      "${listen_port[$name]}" "$folder_id" "$T/folder$name" "rebuild-test-$peer" \
      "${dev_id[$peer]}" "$addr"
  done
}
# st_start NAME: start that instance, in the background; it dies with this shell even if the
# shell is killed outright (PR_SET_PDEATHSIG).
st_start() {
  local name=$1
  "$py" -c 'import ctypes, os, signal, sys
ctypes.CDLL(None).prctl(1, signal.SIGKILL)
if os.getppid() != int(sys.argv[1]): sys.exit(1)
os.execvp(sys.argv[2], sys.argv[2:])' "$$" \
    syncthing serve --home="$T/st$name" --no-browser --no-restart --no-upgrade \
    --logflags=3 > "$T/st$name.log" 2>&1 &
  st_pid[$name]=$!
  st_pids+=("$!")
}
st_get() { st get "${gui_port[$1]}" "$apikey" "$2" "$3"; }
connected() { [ "$(st_get "$1" /rest/system/connections "j['connections']['${dev_id[$2]}']['connected']")" = True ]; }
# st_scan: rescan both folders now (each POST returns once its scan is done).
st_scan() {
  local name
  for name in A B; do
    st post "${gui_port[$name]}" "$apikey" "/rest/db/scan?folder=$folder_id" \
      || st_fail "the rescan of folder$name failed"
  done
}
# carry WHAT: rescan, then wait until Syncthing has carried everything both ways.
carry() {
  local t0=$SECONDS
  st_scan
  wait_for "Syncthing to carry $1" st carried "$apikey" "$folder_id" \
    "${gui_port[A]}" "$folderA" "${dev_id[A]}" "${gui_port[B]}" "$folderB" "${dev_id[B]}"
  ok "Syncthing carried $1 ($((SECONDS - t0))s)"
}

st_setup
# B first: A dials B once as it starts, and again only 5 s later when B was not listening yet.
st_start B
wait_for "Syncthing B's REST API" st_get B /rest/system/ping "j['ping']"
st_start A
wait_for "Syncthing A's REST API" st_get A /rest/system/ping "j['ping']"
wait_for "A and B to connect over tcp://127.0.0.1" connected A B
wait_for "B and A to connect" connected B A
ok "two Syncthings connected on 127.0.0.1 (${SECONDS}s)"

# The harness itself, with plain files: one each way, then their deletion.
echo from-A > "$folderA/probe-a.txt"
echo from-B > "$folderB/probe-b.txt"
carry "a plain file each way"
[ "$(cat "$folderB/probe-a.txt")" = from-A ] && [ "$(cat "$folderA/probe-b.txt")" = from-B ] \
  || fail "the plain files arrived changed"
rm "$folderA/probe-a.txt" "$folderB/probe-b.txt"
carry "the plain files' deletion"
[ -z "$(find "$folderA" "$folderB" -name 'probe-*')" ] || fail "a deleted plain file came back"

if ! "$bin" help sync > /dev/null 2>&1; then
  echo "skipped: this rebuild has no 'sync' command yet (only the Syncthing harness was checked)"
  exit 77
fi

# ---- rebuild sync over it ----------------------------------------------------------------
rb() { "$bin" "$@" > /dev/null || fail "rebuild $* exited with $?"; }
export TZ=UTC REBUILD_NOW=2026-12-06T09:00
rb --journal A.db init --partner Dan --partner Sam
words=$("$bin" --journal A.db --json sync init \
  | "$py" -c 'import json,sys; print(json.load(sys.stdin)["secret"])') \
  || fail "rebuild sync init on A gave no secret"
rb --journal B.db init --partner Sam --partner Dan
"$bin" --journal B.db sync init --secret-fd 3 3<<< "$words" > /dev/null \
  || fail "rebuild sync init --secret-fd on B exited with $?"
ok "sync set up on both journals"

rb --journal A.db --as Dan gesture "MARKER_A1 brought coffee upstairs"
rb --journal A.db --as Dan checkin --mood 7 --stress 3 --note "MARKER_A2"
export REBUILD_NOW=2026-12-06T09:10
rb --journal B.db --as Sam gesture "MARKER_B1 left a note in the lunchbox"
rb --journal B.db --as Sam bid "MARKER_B2 showed a photo" --toward
rb --journal B.db --as Sam repair "MARKER_B3 sorry I snapped" --accepted

# only_rbx DIR: nothing but <replica>/<n>.rbx files and each replica's sealed position
# (Syncthing's .stfolder/.stversions aside).
only_rbx() {
  local stray
  stray=$(cd "$1" && find . -mindepth 1 \( -path ./.stfolder -o -path ./.stversions \) -prune \
    -o \( -type f -o -type l \) -print | grep -Ev '^\./[^/]+/([0-9]+\.rbx|position)$' || true)
  [ -z "$stray" ] || fail "$(basename "$1") holds other files than <replica>/<n>.rbx and position: $stray"
  stray=$(cd "$1" && find . -mindepth 1 \( -path ./.stfolder -o -path ./.stversions \) -prune \
    -o -type d -print | grep -Ev '^\./[^/]+$' || true)
  [ -z "$stray" ] || fail "$(basename "$1") holds unexpected folders: $stray"
}
sync_both() {
  rb --journal A.db sync "$folderA"
  rb --journal B.db sync "$folderB"
}

sync_both
[ -n "$(find "$folderA" -name '*.rbx')" ] || fail "rebuild sync wrote no .rbx file into folderA"
[ -n "$(find "$folderB" -name '*.rbx')" ] || fail "rebuild sync wrote no .rbx file into folderB"
only_rbx "$folderA"; only_rbx "$folderB"
carry "both journals' first files"
sync_both
export_of() { "$bin" --journal "$1" export --format csv || fail "export of $1 exited with $?"; }
export_of A.db > a1.csv; export_of B.db > b1.csv
cmp -s a1.csv b1.csv || fail "after the first round the exports differ: $(diff a1.csv b1.csv | head -n 10)"
for m in MARKER_A1 MARKER_A2 MARKER_B1 MARKER_B2 MARKER_B3; do
  grep -q "$m" a1.csv || fail "$m is missing from the export after the first round"
done
ok "first round: both exports are the same, with all five entries"

# An edit on A (Dan's gesture), a delete on B (Sam's bid).
id_of() {  # id_of JOURNAL MARKER: the id of the entry whose fields hold MARKER
  "$bin" --journal "$1" --json log | "$py" -c 'import json, sys
ids = [e["id"] for e in json.load(sys.stdin)["entries"] if sys.argv[1] in json.dumps(e["fields"])]
print(ids[0] if len(ids) == 1 else "")' "$2"
}
gesture_id=$(id_of A.db MARKER_A1) && [ -n "$gesture_id" ] || fail "A's log has no single MARKER_A1"
bid_id=$(id_of B.db MARKER_B2) && [ -n "$bid_id" ] || fail "B's log has no single MARKER_B2"
export REBUILD_NOW=2026-12-06T10:00
rb --journal A.db --as Dan edit "$gesture_id" --text "MARKER_A4 brought tea upstairs"
rb --journal B.db --as Sam delete "$bid_id"
sync_both
only_rbx "$folderA"; only_rbx "$folderB"
carry "the edit and the delete"
sync_both
export_of A.db > a2.csv; export_of B.db > b2.csv
cmp -s a2.csv b2.csv || fail "after the edit and delete the exports differ: $(diff a2.csv b2.csv | head -n 10)"
for m in MARKER_A2 MARKER_A4 MARKER_B1 MARKER_B3; do
  grep -q "$m" a2.csv || fail "$m is missing from the export after the edit and delete"
done
grep -q MARKER_A1 a2.csv && fail "the edited-away MARKER_A1 is still exported"
grep -q MARKER_B2 a2.csv && fail "the deleted MARKER_B2 is still exported"
ok "second round: both exports are the same, the edit and the delete on both sides"

# A last carry (the second round's syncs may have written again), then what lies in the folders.
carry "the last files"
only_rbx "$folderA"; only_rbx "$folderB"
hits=$(cd "$T" && grep -rlE 'MARKER|brought|lunchbox|snapped' folderA folderB | tr '\n' ' ' || true)
[ -z "$hits" ] || fail "marker words in the clear in the synced folders: $hits"
[ -z "$(find "$folderA" "$folderB" -name '*.tmp' -o -name '.syncthing.*' -o -name '*sync-conflict*')" ] \
  || fail "temporary or conflict files left: $(find "$folderA" "$folderB" -name '*.tmp' -o -name '.syncthing.*' -o -name '*sync-conflict*')"
ok "the folders hold only sealed <replica>/<n>.rbx files ($(find "$folderA" -name '*.rbx' | wc -l) each), no marker word, no temporary file (${SECONDS}s)"
