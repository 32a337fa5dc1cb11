# completion/descent.bash — bash completion for descent: its options (read from
# `descent --help`, so they never drift), lesson numbers and names for --lesson, and
# file names where an option takes a file. Installed by make install.

_descent_lesson_dirs() {
    local bin
    [ -n "${DESCENT_LESSONS:-}" ] && echo "$DESCENT_LESSONS"
    echo lessons
    bin=$(command -v "$1" 2>/dev/null) || return
    bin=$(readlink -f "$bin" 2>/dev/null || echo "$bin")
    echo "${bin%/*}/../share/descent/lessons"
}

_descent() {
    local cur prev words
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]:-}
    case $prev in
    --lesson)
        local d f name
        words=""
        while read -r d; do
            [ -d "$d" ] || continue
            for f in "$d"/*.lesson; do
                [ -e "$f" ] || continue
                name=${f##*/}; name=${name%.lesson}
                # 03-gradient-descent: both "3" and "gradient-descent" open it.
                words+=" $((10#${name%%-*})) ${name#*-}"
            done
            break
        done < <(_descent_lesson_dirs "${COMP_WORDS[0]}")
        mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
        return ;;
    --lang) mapfile -t COMPREPLY < <(compgen -W "en ko" -- "$cur"); return ;;
    --size) mapfile -t COMPREPLY < <(compgen -W "80x24 100x30 120x40" -- "$cur"); return ;;
    --record) mapfile -t COMPREPLY < <(compgen -f -X '!*.cast' -- "$cur"); compopt -o plusdirs 2>/dev/null; return ;;
    --batch) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
    -c) return ;;
    esac
    if [[ $cur == -* ]]; then
        words=$("${COMP_WORDS[0]}" --help 2>/dev/null | grep -oE -- '^  -[-a-z]+(, --[-a-z]+)?' | tr -d ' ' | tr ',' '\n')
        mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
        return
    fi
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
}
complete -F _descent descent
