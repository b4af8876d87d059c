# fish completion for rebuild
set -l commands init goal checkin gesture bid repair log show edit delete undo
set -l days today yesterday mon tue wed thu fri sat sun

complete -c rebuild -f
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a init -d 'Create the journal for one or two partners'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a goal -d 'Set your two-sentence goal, or show both'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a checkin -d 'The daily check-in'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a gesture -d 'An affectionate gesture you made'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a bid -d 'A bid for connection and how it was met'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a repair -d 'A repair attempt you made'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a log -d 'The timeline, newest first'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a show -d 'One entry in full'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a edit -d 'Change an entry you wrote'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a delete -d 'Delete an entry you wrote'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a undo -d 'Revert your most recent change'

# Global flags, before or after the command.
complete -c rebuild -l journal -r -F -d 'The journal file'
complete -c rebuild -l as -x -d 'Who is writing'
complete -c rebuild -l json -d 'Print one JSON document'
complete -c rebuild -l no-color -d 'No colour'
complete -c rebuild -l help -s h -d 'Show help'
complete -c rebuild -l version -d 'Show the version'

# Day and time, on every command that logs something.
for c in goal checkin gesture bid repair edit
  complete -c rebuild -n "__fish_seen_subcommand_from $c" -l date -x -a "$days" -d 'The day'
  complete -c rebuild -n "__fish_seen_subcommand_from $c" -l time -x -d 'The time, HH:MM'
end

complete -c rebuild -n "__fish_seen_subcommand_from init" -l partner -x -d 'A partner name'
complete -c rebuild -n "__fish_seen_subcommand_from init" -l start -x -a "$days" -d 'Day 1 of the plan'

complete -c rebuild -n "__fish_seen_subcommand_from goal; and not __fish_seen_subcommand_from rate" -a rate -d "This week's 0-10 rating"
complete -c rebuild -n "__fish_seen_subcommand_from goal" -l problem -x -d 'The problem, one sentence'
complete -c rebuild -n "__fish_seen_subcommand_from goal" -l outcome -x -d 'The outcome wanted, one sentence'
complete -c rebuild -n "__fish_seen_subcommand_from goal" -l months -x -d 'Horizon, 1-12'
complete -c rebuild -n "__fish_seen_subcommand_from rate" -l note -x -d 'A note'

complete -c rebuild -n "__fish_seen_subcommand_from checkin edit" -l mood -x -d '1-10'
complete -c rebuild -n "__fish_seen_subcommand_from checkin edit" -l stress -x -d '1-10'
complete -c rebuild -n "__fish_seen_subcommand_from checkin edit" -l appreciation -x -d 'One thing you appreciate'
complete -c rebuild -n "__fish_seen_subcommand_from checkin edit" -l minutes -x -d 'Minutes spent'
complete -c rebuild -n "__fish_seen_subcommand_from checkin edit" -l phones-away -d 'Phones were away'
complete -c rebuild -n "__fish_seen_subcommand_from checkin edit" -l phones-on -d 'Phones were on'
complete -c rebuild -n "__fish_seen_subcommand_from checkin edit" -l note -x -d 'A note'

complete -c rebuild -n "__fish_seen_subcommand_from bid edit" -l toward -d 'Turned toward'
complete -c rebuild -n "__fish_seen_subcommand_from bid edit" -l away -d 'Turned away'
complete -c rebuild -n "__fish_seen_subcommand_from bid edit" -l against -d 'Turned against'
complete -c rebuild -n "__fish_seen_subcommand_from repair edit" -l accepted -d 'Accepted'
complete -c rebuild -n "__fish_seen_subcommand_from repair edit" -l not-accepted -d 'Not accepted'

complete -c rebuild -n "__fish_seen_subcommand_from edit" -l text -x -d 'New text'
complete -c rebuild -n "__fish_seen_subcommand_from edit" -l problem -x -d 'New problem sentence'
complete -c rebuild -n "__fish_seen_subcommand_from edit" -l outcome -x -d 'New outcome sentence'
complete -c rebuild -n "__fish_seen_subcommand_from edit" -l months -x -d '1-12'
complete -c rebuild -n "__fish_seen_subcommand_from edit" -l rating -x -d '0-10'

complete -c rebuild -n "__fish_seen_subcommand_from log" -l since -x -a "$days" -d 'From this day'
complete -c rebuild -n "__fish_seen_subcommand_from log" -l until -x -a "$days" -d 'Up to this day'
complete -c rebuild -n "__fish_seen_subcommand_from log" -l type -x -a 'checkin gesture bid repair goal rating' -d 'Only this kind'
complete -c rebuild -n "__fish_seen_subcommand_from log" -l by -x -d 'Only this partner'
complete -c rebuild -n "__fish_seen_subcommand_from log" -s n -l limit -x -d 'At most N entries'
