# The longest input each target is given (libFuzzer's -max_len), in one place for the
# scripts that run, replay and merge corpora (sourced by them).
# render: a chapter of a handbook is a few KB; render_pdf: typst is slow, and size finds
# nothing a short body does not. Others: none (libFuzzer's default), unless the caller
# gives one, as a merge does so as not to cut long inputs.
# Usage: . ./limits.sh; max_len TARGET [DEFAULT]  -> prints "-max_len=N" or nothing
max_len() {
    case $1 in
      render) echo -max_len=8192 ;;
      render_pdf) echo -max_len=1025 ;;
      *) [ -n "${2:-}" ] && echo "-max_len=$2" ;;
    esac
    return 0
}
