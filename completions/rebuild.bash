# bash completion for rebuild
_rebuild() {
  local cur prev words cword
  _init_completion 2>/dev/null || {
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  }
  local commands="init goal checkin gesture bid repair rules timeout concern tasks stage initiate ritual review plan config report due calendar log show edit delete undo export import merge backup restore"
  local global="--journal --as --json --no-color --help --version"
  local when="--date --time"
  local days="today yesterday mon tue wed thu fri sat sun"

  case $prev in
    --journal) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --date|--since|--until|--start) COMPREPLY=($(compgen -W "$days" -- "$cur")); return ;;
    --every) COMPREPLY=($(compgen -W "daily weekly mon tue wed thu fri sat sun" -- "$cur")); return ;;
    --cadence) COMPREPLY=($(compgen -W "daily weekly monthly quarterly yearly as-needed" -- "$cur")); return ;;
    --signal) COMPREPLY=($(compgen -W "green yellow red" -- "$cur")); return ;;
    --format)
      local formats="text markdown json html" w
      for w in "${words[@]}"; do [[ $w == export ]] && formats="jsonl csv markdown"; done
      COMPREPLY=($(compgen -W "$formats" -- "$cur")); return ;;
    --output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --week) COMPREPLY=($(compgen -W "last" -- "$cur")); return ;;
    --tier) COMPREPLY=($(compgen -W "connection adventure" -- "$cur")); return ;;
    --type)
      COMPREPLY=($(compgen -W "checkin gesture bid repair goal rating rule timeout timeout-return concern concern-answer task task-assignment task-review stage-move touch touch-window initiation ritual ritual-kept review" -- "$cur"))
      return ;;
    --giver) COMPREPLY=($(compgen -W "both" -- "$cur")); return ;;
    --as|--by|--partner|--owner|--time|--mood|--stress|--minutes|--months|--rating|--load|-n|--limit) return ;;
  esac

  local cmd="" sub="" sub2="" i
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      --journal|--as) ((i++)) ;;
      -*) ;;
      *) if [[ -z $cmd ]]; then cmd=${words[i]}
         elif [[ -z $sub ]]; then sub=${words[i]}
         elif [[ -z $sub2 ]]; then sub2=${words[i]}; fi ;;
    esac
  done

  local flags="" subs=""
  case $cmd in
    "") COMPREPLY=($(compgen -W "$commands $global" -- "$cur")); return ;;
    init) flags="--partner --start" ;;
    goal)
      if [[ $sub == rate ]]; then flags="--note $when"
      else flags="--problem --outcome --months $when"; subs="rate"; fi ;;
    checkin) flags="--mood --stress --appreciation --minutes --phones-away --phones-on --note $when" ;;
    gesture) flags="$when" ;;
    bid) flags="--toward --away --against $when" ;;
    repair) flags="--accepted --not-accepted $when" ;;
    rules)
      case $sub in add) flags="--stop-phrase --red-line --script --touch $when" ;; remove) ;; *) subs="add remove" ;; esac ;;
    timeout)
      case $sub in return) flags="--note $when" ;; list) ;; *) flags="$when"; subs="return list" ;; esac ;;
    concern)
      case $sub in
        answer) flags="--hear --commit --hurdle $when" ;;
        list) ;;
        *) flags="--describe --impact --ask $when"; subs="answer list" ;;
      esac ;;
    tasks)
      case $sub in
        add) flags="--owner --cadence --load $when" ;;
        assign) flags="--owner $when" ;;
        review) flags="--note $when" ;;
        *) subs="add assign review" ;;
      esac ;;
    stage)
      case $sub in
        log) flags="--minutes --giver --signal --note $when" ;;
        advance|back) ;;
        window) [[ -z $sub2 ]] && subs="add remove" ;;
        *) subs="log advance back window" ;;
      esac ;;
    initiate) flags="--tier --accepted --declined $when" ;;
    ritual)
      case $sub in
        add) flags="--every $when" ;;
        done) flags="--note $when" ;;
        pause|resume) ;;
        *) subs="add done pause resume" ;;
      esac ;;
    review) flags="--good --heavy --next $when" ;;
    plan|show|delete|undo) ;;
    report) flags="--week --weeks --format --output --redact" ;;
    due) flags="-q --quiet"; [[ -z $sub ]] && subs="checkin timeout-return tasks-review review ritual touch" ;;
    calendar) flags="--output" ;;
    export) flags="--format --output" ;;
    import|merge|backup|restore) [[ $cur == -* ]] || { COMPREPLY=($(compgen -f -- "$cur")); return; } ;;
    config)
      case $sub in
        "") subs="checkin.time plan.start touch.lead calendar.titles" ;;
        calendar.titles) [[ -z $sub2 ]] && subs="discreet plain" ;;
      esac ;;
    log) flags="--since --until --type --by -n --limit --no-pager" ;;
    edit) flags="--mood --stress --appreciation --minutes --phones-away --phones-on --note --text --toward --away --against --accepted --not-accepted --declined --problem --outcome --months --rating --type --phrase --describe --impact --ask --hear --commit --hurdle --name --cadence --load --owner --move --stage --giver --signal --each-way --weekday --start --tier --every --good --heavy --next $when" ;;
  esac
  if [[ $cur == -* || -z $subs ]]; then
    COMPREPLY=($(compgen -W "$flags $global" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$subs" -- "$cur"))
  fi
}
complete -F _rebuild rebuild
