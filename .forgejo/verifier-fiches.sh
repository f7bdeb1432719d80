#!/bin/sh
# Checks the content as a merge request needs, with the `aiguillage` program given as $1:
# errors anywhere fail; warnings fail only in the files the request changes (--strict-for), so
# that an old record elsewhere never turns a volunteer's request red; then the site is built
# (which fails if a page is over the weight budget of content/site.yaml).
# Used by .forgejo/workflows/check.yml; BASE_REF is the branch the request goes into.
set -eu
bin=$1
set --
if [ -n "${BASE_REF:-}" ] && git rev-parse -q --verify "origin/$BASE_REF" > /dev/null; then
  for f in $(git diff --name-only "origin/$BASE_REF"...HEAD -- content/); do set -- "$@" --strict-for "$f"; done
fi
"$bin" check "$@"
"$bin" build --out public
