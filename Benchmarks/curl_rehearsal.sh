#!/bin/sh
# The requests of `runbook verify --rehearse`, as separate curl calls after the read-only ones:
# the reference for its speed. Usage: curl_rehearsal.sh BASE_URL TOKEN EMAIL. (A benchmark
# against a local test server; the token is a throwaway one on the command line.)
set -e
base=$1
auth="Authorization: Bearer $2"
email=$3
sh "$(dirname "$0")/curl_checks.sh" "$base" "$2"
call() { curl --silent --max-time 10 --header "$auth" --header 'Content-Type: application/scim+json' "$@"; }
query="$base/Users?filter=userName%20eq%20%22$(printf %s "$email" | sed 's/@/%40/; s/+/%2B/')%22"
patch() { call --output /dev/null --request PATCH --data "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[$1]}" "$base/Users/$id"; }
call --output /dev/null "$query"
id=$(call --data "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"$email\",\"active\":true,\"emails\":[{\"primary\":true,\"type\":\"work\",\"value\":\"$email\"}],\"name\":{\"familyName\":\"Rehearsal\",\"givenName\":\"Runbook\"}}" \
  "$base/Users" | sed 's/.*"id": *"\([^"]*\)".*/\1/')
call --output /dev/null "$base/Users/$id"
call --output /dev/null "$query"
patch '{"op":"Replace","path":"name.familyName","value":"Rehearsal-default"}'
call --output /dev/null "$base/Users/$id"
patch '{"op":"replace","value":{"name.familyName":"Rehearsal-rfc"}}'
call --output /dev/null "$base/Users/$id"
patch '{"op":"Replace","path":"active","value":"False"}'
call --output /dev/null "$base/Users/$id"
patch '{"op":"replace","path":"active","value":true}'
patch '{"op":"replace","path":"active","value":false}'
call --output /dev/null "$base/Users/$id"
call --output /dev/null "$query"
call --output /dev/null --request DELETE "$base/Users/$id"
call --output /dev/null "$base/Users/$id"
