# bash completion for rebuild.
#
# Every candidate comes from `rebuild __complete -- WORD...`: the words typed after `rebuild`,
# unquoted, the last one being the word completed. It prints one candidate a line (a tab and
# a description may follow, for zsh and fish), then `:files` when file names are wanted (then
# bash-completion's _filedir, or compgen -f, completes them with the shell's own quoting), or
# `:dirs` when only folders are (`sync DIR`), beside any candidates listed (`init`).
#
# The commands it completes, with their subcommands, flags and values (the list is checked
# against `rebuild --help` by tests/cli/docs/docs_cover.sh):
#   init goal checkin gesture bid repair rules timeout agenda concern tasks stage initiate ritual
#   review trigger thought story transparency celebrate therapy inventory passphrase plan config
#   report due calendar log show edit delete undo export import merge backup restore sync
#   conflicts help

# A word as the command will get it: quotes and backslashes taken off, nothing expanded (what
# is typed is never run). Sets REPLY.
_rebuild_unquote() {
  local word=$1 quote="" char i
  REPLY=""
  if [[ $word != *[\'\"\\]* ]]; then
    REPLY=$word
    return
  fi
  for ((i = 0; i < ${#word}; i++)); do
    char=${word:i:1}
    if [[ $quote == "'" ]]; then
      if [[ $char == "'" ]]; then quote=""; else REPLY+=$char; fi
    elif [[ $quote == '"' ]]; then
      if [[ $char == '"' ]]; then
        quote=""
      elif [[ $char == "\\" && ${word:i+1:1} == [\$\`\"\\] ]]; then
        REPLY+=${word:i+1:1}
        ((i++))
      else
        REPLY+=$char
      fi
    elif [[ $char == "'" || $char == '"' ]]; then
      quote=$char
    elif [[ $char == "\\" ]]; then
      ((i++))
      REPLY+=${word:i:1}
    else
      REPLY+=$char
    fi
  done
}

# A candidate as it goes on the line (sets REPLY): in the quotes the word typed so far opened
# ($2), else with every character the shell would split or expand at escaped, `:` too (bash
# breaks words there). Done here rather than by `compopt -o filenames`, which makes readline
# take a name with a `/` for a path and list only what follows the last one.
_rebuild_quote() {
  local name=$1 typed=$2 q
  case $typed in
    \'*) REPLY="'${name//\'/\'\\\'\'}'" ;;
    \"*)
      q=${name//\\/\\\\}
      q=${q//\"/\\\"}
      q=${q//\$/\\\$}
      q=${q//\`/\\\`}
      REPLY="\"$q\""
      ;;
    *)
      printf -v REPLY '%q' "$name"
      REPLY=${REPLY//:/\\:}
      ;;
  esac
}

_rebuild() {
  local cur prev words cword split REPLY
  if declare -F _init_completion > /dev/null; then
    # -s: `--format=ma` is the flag (prev) and the value being completed (cur).
    _init_completion -s -n : || return
  else  # without bash-completion: COMP_WORDS, where `=` is a word of its own
    words=()
    local w
    for w in "${COMP_WORDS[@]:0:COMP_CWORD}"; do [[ $w == = ]] || words+=("$w"); done
    cword=${#words[@]}
    cur=${COMP_WORDS[COMP_CWORD]}
    [[ $cur == = ]] && cur=""
    words+=("$cur")
  fi

  local -a args=() lines=()
  local i
  for ((i = 1; i < cword; i++)); do
    _rebuild_unquote "${words[i]}"
    args+=("$REPLY")
  done
  [[ ${split-} == true ]] && args+=("$prev")
  _rebuild_unquote "$cur"
  args+=("$REPLY")

  mapfile -t lines < <(command rebuild __complete -- "${args[@]}" 2> /dev/null)
  ((${#lines[@]} > 0)) || return
  local directive=${lines[${#lines[@]} - 1]}
  unset 'lines[${#lines[@]}-1]'

  if [[ $directive == :files || $directive == :dirs ]]; then
    # What is listed beside the names (`sync` offers `init` beside the folders), then the
    # names themselves.
    COMPREPLY=()
    ((${#lines[@]} > 0)) && COMPREPLY=("${lines[@]%%$'\t'*}")
    local only=-f
    [[ $directive == :dirs ]] && only=-d
    if declare -F _filedir > /dev/null; then
      if [[ $only == -d ]]; then _filedir -d; else _filedir; fi
    else
      compopt -o filenames 2> /dev/null
      _rebuild_unquote "$cur"
      mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen "$only" -- "$REPLY")
    fi
    return
  fi
  # A name with a space, a quote or a slash (a ritual, a job) goes on the line quoted whole.
  COMPREPLY=()
  local name
  for name in "${lines[@]%%$'\t'*}"; do
    if [[ $name == *[^[:alnum:]_.,@%+=/-]* || $cur == [\'\"]* ]]; then
      _rebuild_quote "$name" "$cur"
      name=$REPLY
    fi
    COMPREPLY+=("$name")
  done
}
complete -F _rebuild rebuild
