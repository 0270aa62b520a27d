#!/usr/bin/env bash
# The demo: break a lab site the way a real plugin does (by default a
# plugin that crashes PHP-FPM workers, which leaves no PHP error to read),
# then let wpdoctor find out why and put everything back.
# Run by `make demo` after the lab is up. DEMO_SCENARIO=fatal|timeout|conflict|... picks another
# (bin/wplab scenarios lists them).
set -uo pipefail
cd "$(dirname "$0")/.."
lab=${WPLAB_DIR:-/srv/wplab}
site=site1
scenario=${DEMO_SCENARIO:-many-plugins}
target="ssh://wpl1@127.0.0.1:2222$lab/sites/$site/public"
conn=(-i "$lab/keys/id_ed25519" --known-hosts "$lab/keys/known_hosts")
export WPDOCTOR_STATE_DIR=${WPDOCTOR_STATE_DIR:-$lab/demo-state}

bin/wplab scenario "$site" "$scenario"
echo "== lab $site is now in scenario '$scenario':"
curl -s -o /dev/null -w "   GET http://127.0.0.1:8081/ -> %{http_code}\n" http://127.0.0.1:8081/

echo "== wpdoctor info $target"
bin/wpdoctor info "$target" "${conn[@]}" | head -n 16
echo
echo "== wpdoctor diagnose --auto-bisect $target"
bin/wpdoctor diagnose --auto-bisect --report "$lab/demo-report.html" "$target" "${conn[@]}"
code=$?
echo "== exit code $code (3: a component is to blame); HTML report in $lab/demo-report.html"

curl -s -o /dev/null -w "== after the run, the site is as it was: GET / -> %{http_code}\n" http://127.0.0.1:8081/
bin/wplab scenario "$site" healthy
echo "== lab $site reset to healthy"
