# fish completion for rebuild
set -l commands init goal checkin gesture bid repair rules timeout concern tasks stage initiate ritual review plan config report due calendar log show edit delete undo export import merge backup restore
set -l days today yesterday mon tue wed thu fri sat sun

complete -c rebuild -f
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a init -d 'Create the journal for one or two partners'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a goal -d 'Set your two-sentence goal, or show both'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a checkin -d 'The daily check-in'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a gesture -d 'An affectionate gesture you made'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a bid -d 'A bid for connection and how it was met'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a repair -d 'A repair attempt you made'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a rules -d "The pair's agreements: stop-phrases, red lines, the script, stage-3 rules"
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a timeout -d 'Call a time-out; return; list'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a concern -d 'Describe-impact-ask; answer; list'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a tasks -d 'The invisible-work ledger'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a stage -d 'The staged-touch plan'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a initiate -d 'Who initiated, and how it went'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a ritual -d 'Rituals of connection'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a review -d 'The quarterly review'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a plan -d 'The 60-day roadmap'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a config -d "The journal's settings"
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a report -d 'The weekly summary against the goals'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a due -d 'What is due now (exit 0 if anything)'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a calendar -d 'An iCalendar of the recurring practices'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a log -d 'The timeline, newest first'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a show -d 'One entry in full'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a edit -d 'Change an entry you wrote'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a delete -d 'Delete an entry you wrote'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a undo -d 'Revert your most recent change'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a export -d 'The whole journal as JSON lines, CSV or Markdown'
complete -c rebuild -n "__fish_seen_subcommand_from export" -l format -x -a 'jsonl csv markdown' -d 'How to write it'
complete -c rebuild -n "__fish_seen_subcommand_from export" -l output -r -F -d 'Write to a file (0600)'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a import -d 'Fold in what export wrote'
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a merge -d "Fold in a partner's copy of the journal"
complete -c rebuild -n "__fish_seen_subcommand_from import merge" -F
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a backup -d 'A checked copy of the journal'
complete -c rebuild -n "__fish_seen_subcommand_from backup" -F
complete -c rebuild -n "not __fish_seen_subcommand_from $commands" -a restore -d 'Put a backup in place of the journal'
complete -c rebuild -n "__fish_seen_subcommand_from restore" -F

# Global flags, before or after the command.
complete -c rebuild -l journal -r -F -d 'The journal file'
complete -c rebuild -l as -x -d 'Who is writing'
complete -c rebuild -l json -d 'Print one JSON document'
complete -c rebuild -l no-color -d 'No colour'
complete -c rebuild -l help -s h -d 'Show help'
complete -c rebuild -l version -d 'Show the version'

# Day and time, on every command that logs something.
for c in goal checkin gesture bid repair rules timeout concern tasks stage initiate ritual review edit
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
complete -c rebuild -n "__fish_seen_subcommand_from log" -l type -x -a 'checkin gesture bid repair goal rating rule timeout timeout-return concern concern-answer task task-assignment task-review stage-move touch touch-window initiation ritual ritual-kept review' -d 'Only this kind'
complete -c rebuild -n "__fish_seen_subcommand_from log" -l by -x -d 'Only this partner'
complete -c rebuild -n "__fish_seen_subcommand_from log" -s n -l limit -x -d 'At most N entries'
complete -c rebuild -n "__fish_seen_subcommand_from log" -l no-pager -d 'Not through $PAGER'

# rules
complete -c rebuild -n "__fish_seen_subcommand_from rules; and not __fish_seen_subcommand_from add remove" -a 'add remove'
complete -c rebuild -n "__fish_seen_subcommand_from rules" -l stop-phrase -x -d 'A stop-phrase'
complete -c rebuild -n "__fish_seen_subcommand_from rules" -l red-line -x -d 'A red line'
complete -c rebuild -n "__fish_seen_subcommand_from rules" -l script -x -d 'A step of the de-escalation script'
complete -c rebuild -n "__fish_seen_subcommand_from rules" -l touch -x -d 'A stage-3 rule (the touch.lead partner)'
# timeout
complete -c rebuild -n "__fish_seen_subcommand_from timeout; and not __fish_seen_subcommand_from return list" -a 'return list'
complete -c rebuild -n "__fish_seen_subcommand_from timeout" -l note -x -d 'How it went'
# concern
complete -c rebuild -n "__fish_seen_subcommand_from concern; and not __fish_seen_subcommand_from answer list" -a 'answer list'
complete -c rebuild -n "__fish_seen_subcommand_from concern edit" -l describe -x -d 'What happened'
complete -c rebuild -n "__fish_seen_subcommand_from concern edit" -l impact -x -d 'How it felt'
complete -c rebuild -n "__fish_seen_subcommand_from concern edit" -l ask -x -d 'What you ask for'
complete -c rebuild -n "__fish_seen_subcommand_from concern edit" -l hear -x -d 'What I hear'
complete -c rebuild -n "__fish_seen_subcommand_from concern edit" -l commit -x -d 'What I can commit to'
complete -c rebuild -n "__fish_seen_subcommand_from concern edit" -l hurdle -x -d 'What I need support with'
# tasks
complete -c rebuild -n "__fish_seen_subcommand_from tasks; and not __fish_seen_subcommand_from add assign review" -a 'add assign review'
complete -c rebuild -n "__fish_seen_subcommand_from tasks edit" -l owner -x -d 'Who owns it'
complete -c rebuild -n "__fish_seen_subcommand_from tasks edit" -l cadence -x -a 'daily weekly monthly quarterly yearly as-needed' -d 'How often'
complete -c rebuild -n "__fish_seen_subcommand_from tasks edit" -l load -x -d '1-5'
complete -c rebuild -n "__fish_seen_subcommand_from tasks ritual" -l note -x -d 'A note'
# stage
complete -c rebuild -n "__fish_seen_subcommand_from stage; and not __fish_seen_subcommand_from log advance back window" -a 'log advance back window'
complete -c rebuild -n "__fish_seen_subcommand_from window; and not __fish_seen_subcommand_from add remove" -a 'add remove'
complete -c rebuild -n "__fish_seen_subcommand_from stage edit" -l minutes -x -d 'Minutes'
complete -c rebuild -n "__fish_seen_subcommand_from stage edit" -l giver -x -a 'both' -d 'Who gave, or both (one sitting, each way)'
complete -c rebuild -n "__fish_seen_subcommand_from stage edit" -l signal -x -a 'green yellow red' -d 'The traffic light'
complete -c rebuild -n "__fish_seen_subcommand_from edit" -l each-way -d 'One sitting, each way'
complete -c rebuild -n "__fish_seen_subcommand_from stage" -l note -x -d 'A note'
# initiate
complete -c rebuild -n "__fish_seen_subcommand_from initiate edit" -l tier -x -a 'connection adventure' -d 'The tier'
complete -c rebuild -n "__fish_seen_subcommand_from initiate" -l accepted -d 'Accepted'
complete -c rebuild -n "__fish_seen_subcommand_from initiate edit" -l declined -d 'Declined'
# ritual
complete -c rebuild -n "__fish_seen_subcommand_from ritual; and not __fish_seen_subcommand_from add done pause resume" -a 'add done pause resume'
complete -c rebuild -n "__fish_seen_subcommand_from ritual edit" -l every -x -a 'daily weekly mon tue wed thu fri sat sun' -d 'How often'
# review
complete -c rebuild -n "__fish_seen_subcommand_from review edit" -l good -x -d 'What felt good'
complete -c rebuild -n "__fish_seen_subcommand_from review edit" -l heavy -x -d 'What felt heavy'
complete -c rebuild -n "__fish_seen_subcommand_from review edit" -l next -x -d 'The next experiment'
# config
complete -c rebuild -n "__fish_seen_subcommand_from config; and not __fish_seen_subcommand_from checkin.time plan.start touch.lead calendar.titles" -a 'checkin.time plan.start touch.lead calendar.titles'
complete -c rebuild -n "__fish_seen_subcommand_from calendar.titles" -a 'discreet plain'
# edit: the other fields
complete -c rebuild -n "__fish_seen_subcommand_from edit" -l type -x -a 'stop-phrase red-line touch script' -d 'Kind of rule'
complete -c rebuild -n "__fish_seen_subcommand_from edit" -l phrase -x -d 'Time-out phrase'
complete -c rebuild -n "__fish_seen_subcommand_from edit" -l name -x -d 'Name of a job or ritual'
complete -c rebuild -n "__fish_seen_subcommand_from edit" -l move -x -a 'advance back' -d 'Stage move'
complete -c rebuild -n "__fish_seen_subcommand_from edit" -l stage -x -d '1-3'
complete -c rebuild -n "__fish_seen_subcommand_from edit" -l weekday -x -a 'mon tue wed thu fri sat sun' -d 'Window day'
complete -c rebuild -n "__fish_seen_subcommand_from edit" -l start -x -d 'Window time, HH:MM'
# report, due, calendar
complete -c rebuild -n "__fish_seen_subcommand_from report" -l week -x -a 'last' -d 'last, YYYY-Www or a day'
complete -c rebuild -n "__fish_seen_subcommand_from report" -l format -x -a 'text markdown json html' -d 'How to render'
complete -c rebuild -n "__fish_seen_subcommand_from report calendar" -l output -r -F -d 'Write to a file (0600)'
complete -c rebuild -n "__fish_seen_subcommand_from report" -l redact -d 'Leave out free text'
complete -c rebuild -n "__fish_seen_subcommand_from report" -l weeks -x -d 'Weeks in the trend'
complete -c rebuild -n "__fish_seen_subcommand_from due" -a 'checkin timeout-return tasks-review review ritual touch'
complete -c rebuild -n "__fish_seen_subcommand_from due" -s q -l quiet -d 'Print nothing'
