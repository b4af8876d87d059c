# fish completion for rebuild.
#
# Every candidate comes from `rebuild __complete -- WORD...`: the words typed after `rebuild`,
# unquoted, the last one being the word completed. It prints one candidate a line, with a
# tab and a description where there is one (as fish takes them), then `:files` when file
# names are wanted (then fish's own path completion gives them), or `:dirs` when only folders
# are (`sync DIR`), beside any candidates listed (`init`).
#
# The commands it completes, with their subcommands, flags and values (the list is checked
# against `rebuild --help` by tests/cli/docs/docs_cover.sh):
#   init goal checkin gesture bid repair rules timeout agenda concern tasks stage initiate ritual
#   review trigger thought story transparency celebrate therapy inventory passphrase plan config
#   report due calendar log show edit delete undo export import merge backup restore sync
#   conflicts help

function __rebuild_complete
    set -l args (commandline -opc)[2..-1]
    set -l current (commandline -ct | string unescape)
    set -l lines (command rebuild __complete -- $args "$current" 2>/dev/null)
    set -l directive $lines[-1]
    set -e lines[-1]
    printf '%s\n' $lines
    if test "$directive" = :files -o "$directive" = :dirs
        # `--journal=PATH`: the path after the `=`, written back behind it.
        set -l flag (string match -r -- '^--[^=]*=' "$current")
        set -l path (string replace -r -- '^--[^=]*=' '' "$current")
        if test "$directive" = :dirs
            __fish_complete_directories "$path" | string replace -r -- '^' "$flag"
        else
            __fish_complete_path "$path" | string replace -r -- '^' "$flag"
        end
    end
end

complete -c rebuild -f -a '(__rebuild_complete)'
