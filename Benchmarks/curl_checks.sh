#!/bin/sh
# The requests of `runbook verify`'s read-only checks, as separate curl calls: the reference
# for its speed. Usage: curl_checks.sh BASE_URL TOKEN. (A benchmark against a local test
# server; the token is a throwaway one on the command line.)
base=$1
auth="Authorization: Bearer $2"
id=9c5b2f3e-7d4a-4b1c-8e6f-0a1b2c3d4e5f
get() { curl --silent --output /dev/null --max-time 10 "$@"; }
get --header "$auth" "$base/Users?filter=userName%20eq%20%22$id%22"
get "$base/Users?filter=userName%20eq%20%22$id%22"
get --header "Authorization: Bearer wrong-$id" "$base/Users?filter=userName%20eq%20%22$id%22"
get --header "$auth" "$base/Groups?excludedAttributes=members&filter=displayName%20eq%20%22$id%22"
get --header "$auth" "$base/ServiceProviderConfig"
get --header "$auth" "$base/Schemas"
get --header "$auth" "$base/ResourceTypes"
get --header "$auth" "$base/Users/$id"
