#!/bin/sh
# Stands in for the Azure CLI in tests: records its arguments, then answers as FAKE_AZ_ANSWER says.
printf '%s\n' "$*" >>"$FAKE_AZ_CALLS"
if [ -n "$FAKE_AZ_ERROR" ]; then
  printf '%s\n' "$FAKE_AZ_ERROR" >&2
  printf 'Traceback line the user does not need\n' >&2
  exit 1
fi
cat "$FAKE_AZ_ANSWER"
