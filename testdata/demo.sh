#!/usr/bin/env bash
# The demo: break a lab site the way a real plugin does, then let wpdoctor
# find out why. Run by `make demo` after the lab is up.
set -uo pipefail
cd "$(dirname "$0")/.."
lab=${WPLAB_DIR:-/srv/wplab}
site=site1
scenario=${DEMO_SCENARIO:-crash}

bin/wplab scenario "$site" "$scenario"
echo "== lab $site is now in scenario '$scenario':"
curl -s -o /dev/null -w "   GET http://127.0.0.1:8081/ -> %{http_code}\n" http://127.0.0.1:8081/

target="ssh://wpl1@127.0.0.1:2222$lab/sites/$site/public"
echo "== wpdoctor version"
bin/wpdoctor version
echo "== wpdoctor info $target"
bin/wpdoctor info "$target" -i "$lab/keys/id_ed25519" --known-hosts "$lab/keys/known_hosts"
echo "   (exit code $?)"

bin/wplab scenario "$site" healthy
echo "== lab $site reset to healthy"
