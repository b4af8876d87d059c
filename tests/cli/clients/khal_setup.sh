# shellcheck shell=bash
# Sourced by the tests that import the calendar into khal: a khal of its own in the temp
# folder $T (one calendar, "rebuild", in $T/cal; its config $T/khal.conf), and `k ARGS` to
# run it. Dates and times print as YYYY-MM-DD HH:MM.
mkdir -p "$T/cal"
cat > "$T/khal.conf" <<CONF
[calendars]
[[rebuild]]
path = $T/cal/
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
default_timezone = Europe/Paris
local_timezone = Europe/Paris
[sqlite]
path = $T/khal.db
CONF
k() { khal -c "$T/khal.conf" "$@"; }
