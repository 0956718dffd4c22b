#!/usr/bin/env bash
# Runs the whole test suite: installs what the tests need, builds, runs every test project and prints
# "N passed, N failed" (", N skipped" when any) as the last line. Exits non-zero when a test fails.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Tests give every AWS client explicit credentials. Should one fall through to the SDK's default chain, it must
# not reach for the EC2 instance metadata service, which lives off this machine.
export AWS_EC2_METADATA_DISABLED=true

results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

# Services the tests start themselves on 127.0.0.1: PostgreSQL from Debian, dynalite and s3rver from npm.
"$root/scripts/install-test-services.sh" || { echo "0 passed, 1 failed"; exit 1; }

if ! dotnet build MedifyAI.sln -c Release -nologo -v quiet; then
  echo "The build failed; see the errors above."
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test MedifyAI.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" \
  --logger "console;verbosity=normal" "$@"
status=$?

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed)))
  skipped=$((skipped + $(value notExecuted)))
done

if [ "$failed" -gt 0 ]; then
  # CI shows only the tail of the output, so repeat each failed test and the start of its message here.
  echo
  echo "Failed tests:"
  python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for trx in glob.glob(sys.argv[1] + "/*.trx"):
    for result in ET.parse(trx).getroot().iterfind(".//t:UnitTestResult[@outcome='Failed']", ns):
        print("  " + result.get("testName", "?") + " (" + result.get("duration", "?") + ")")
        message = result.findtext(".//t:Message", default="", namespaces=ns).strip().splitlines()
        stack = result.findtext(".//t:StackTrace", default="", namespaces=ns).strip().splitlines()
        for line in message[:12] + stack[:6]:
            print("    " + line[:300])
PY
  echo
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # dotnet test failed without a failed test: a crash or a run that never started counts as a failure.
  failed=1
fi

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
