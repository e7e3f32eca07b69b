#!/usr/bin/env bash
# Makes a personal API token the way a user does: signs in on the login page, then creates a token on the
# "API tokens" page (/account/tokens.xhtml), and prints it. Plain curl with a cookie jar; the Faces forms need
# their hidden ViewState field sent back.
# Usage: TOKEN=$(bash bench/api-token.sh http://127.0.0.1:8080 alice 'the password' [label])
set -euo pipefail
BASE=${1:?base URL}; USERNAME=${2:?username}; PASSWORD=${3:?password}; LABEL=${4:-script $(date +%s)}
JAR=$(mktemp)
trap 'rm -f "$JAR"' EXIT
web() { curl -s -b "$JAR" -c "$JAR" -L "$@"; }
view_state() { { grep -o 'name="jakarta.faces.ViewState"[^>]*value="[^"]*"' || true; } | head -1 | sed 's/.*value="//; s/"$//'; }

state=$(web "$BASE/login.xhtml" | view_state)
landed=$(web -o /dev/null -w '%{url_effective}' "$BASE/login.xhtml" --data-urlencode login=login \
  --data-urlencode "login:username=$USERNAME" --data-urlencode "login:password=$PASSWORD" \
  --data-urlencode "login:signIn=Sign in" --data-urlencode "jakarta.faces.ViewState=$state")
case "$landed" in
  */login.xhtml*|*/account/password.xhtml*) echo "sign-in of $USERNAME failed (or a password change is due): $landed" >&2; exit 1;;
esac

state=$(web "$BASE/account/tokens.xhtml" | view_state)
token=$(web "$BASE/account/tokens.xhtml" --data-urlencode tokens=tokens --data-urlencode "tokens:label=$LABEL" \
  --data-urlencode "tokens:create=Create token" --data-urlencode "jakarta.faces.ViewState=$state" \
  | grep -o 'id="newToken"[^>]*>wan_[A-Za-z0-9_-]*<' | sed 's/.*>\(wan_[^<]*\)<$/\1/' || true)
[ -n "$token" ] || { echo "no token was shown on the token page" >&2; exit 1; }
echo "$token"
