# bash completion for rebuild
_rebuild() {
  local cur prev words cword
  _init_completion 2>/dev/null || {
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  }
  local commands="init goal checkin gesture bid repair log show edit delete undo"
  local global="--journal --as --json --no-color --help --version"
  local date_time="--date --time"

  case $prev in
    --journal) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --date|--since|--until)
      COMPREPLY=($(compgen -W "today yesterday mon tue wed thu fri sat sun" -- "$cur")); return ;;
    --type) COMPREPLY=($(compgen -W "checkin gesture bid repair goal rating" -- "$cur")); return ;;
    --as|--by|--partner|--time|--mood|--stress|--minutes|--months|--rating|--start|-n|--limit) return ;;
  esac

  local cmd="" sub="" i
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      --journal|--as) ((i++)) ;;
      -*) ;;
      *) if [[ -z $cmd ]]; then cmd=${words[i]}; elif [[ $cmd == goal && -z $sub ]]; then sub=${words[i]}; fi ;;
    esac
  done

  local flags=""
  case $cmd in
    "") COMPREPLY=($(compgen -W "$commands $global" -- "$cur")); return ;;
    init) flags="--partner --start" ;;
    goal)
      if [[ $sub == rate ]]; then flags="--note $date_time"
      else flags="--problem --outcome --months $date_time"
        [[ -z $sub && $cur != -* ]] && { COMPREPLY=($(compgen -W "rate" -- "$cur")); return; }
      fi ;;
    checkin) flags="--mood --stress --appreciation --minutes --phones-away --phones-on --note $date_time" ;;
    gesture) flags="$date_time" ;;
    bid) flags="--toward --away --against $date_time" ;;
    repair) flags="--accepted --not-accepted $date_time" ;;
    log) flags="--since --until --type --by -n --limit" ;;
    show|delete|undo) flags="" ;;
    edit) flags="--mood --stress --appreciation --minutes --phones-away --phones-on --note --text --toward --away --against --accepted --not-accepted --problem --outcome --months --rating $date_time" ;;
  esac
  COMPREPLY=($(compgen -W "$flags $global" -- "$cur"))
}
complete -F _rebuild rebuild
