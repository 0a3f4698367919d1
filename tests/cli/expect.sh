# expect.sh - sourced by the CLI test scripts. Needs $TIMELINE, $tmp and a
# counter $fails in the caller.
#
# expect STATUS PATTERN -- ARGS...: runs timeline ARGS, checks the exit status
# and that stderr matches the extended regex PATTERN; counts a failure in $fails.
expect() {
  local want=$1 pattern=$2; shift 3
  "$TIMELINE" "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$want" ] || ! grep -Eq -- "$pattern" "$tmp/err"; then
    echo "FAIL: timeline $* -> exit $got (want $want, stderr matching '$pattern'), stderr:"
    sed 's/^/  /' "$tmp/err"
    fails=$((fails + 1))
  else
    echo "ok: timeline $* -> $got"
  fi
}
