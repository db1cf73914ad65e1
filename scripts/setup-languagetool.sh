#!/usr/bin/env bash
# LanguageTool from Maven Central, laid out as the official zip is:
#   languagetool/dist/LanguageTool-<version>/languagetool-server.jar   (manifest only: Main-Class, Class-Path)
#   languagetool/dist/LanguageTool-<version>/libs/*.jar
# so that both pipeline.grammar and language-tool-python (LTP_PATH=languagetool/dist) find it.
# Idempotent: a stamp keyed on the pom and this script makes the second run a no-op.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LT="$ROOT/languagetool"
POM="$LT/pom.xml"

die() { echo "Error: $*" >&2; exit 1; }

[[ -f $POM ]] || die "$POM is missing"
VERSION="$(sed -n 's:.*<lt.version>\(.*\)</lt.version>.*:\1:p' "$POM")"
[[ -n $VERSION ]] || die "no <lt.version> in $POM"
DIST="$LT/dist/LanguageTool-$VERSION"
STAMP="$DIST/.setup-stamp"
KEY="$(cat "$POM" "${BASH_SOURCE[0]}" | sha256sum | cut -d' ' -f1)"

if [[ -f $STAMP && "$(cat "$STAMP")" == "$KEY" && -f $DIST/languagetool-server.jar ]]; then
    echo "LanguageTool $VERSION is in $DIST (up to date; LTP_PATH=$LT/dist)"
    exit 0
fi

# Check the tools first, so a missing one is one clear line rather than a Maven stack trace.
command -v java >/dev/null || die "java not found: install Java 17+ (apt-get install openjdk-17-jdk-headless), or set languagetool.enabled=false"
command -v jar >/dev/null || die "jar not found: install a JDK 17+, not only a JRE (apt-get install openjdk-17-jdk-headless)"
command -v mvn >/dev/null || die "mvn not found: install Maven 3.8+ (apt-get install maven), or point languagetool.url at a running server"
JAVA_MAJOR="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
[[ ${JAVA_MAJOR:-0} -ge 17 ]] || die "LanguageTool $VERSION needs Java 17+, found '${JAVA_MAJOR:-unknown}' (set JAVA_HOME or PATH to a newer java)"

echo "Setting up LanguageTool $VERSION from Maven Central..."
rm -rf "$LT/target"
# -q -B: errors only, no progress; the plugin config in the pom writes target/libs and target/classpath.txt.
# Maven 3.8 still prints stray colour codes in batch mode, so its output is shown only when it fails.
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
if ! mvn -q -B -Dstyle.color=never -f "$POM" dependency:copy-dependencies dependency:build-classpath >"$LOG" 2>&1; then
    cat "$LOG" >&2
    die "Maven could not resolve LanguageTool $VERSION (see above; Maven Central must be reachable the first time)"
fi

# Build in a temporary folder and move it into place last, so an interrupted run never leaves a
# half-made LanguageTool-<version>/ that looks complete.
STAGE="$LT/dist/.LanguageTool-$VERSION.tmp"
rm -rf "$STAGE"
mkdir -p "$STAGE/libs"
cp "$LT"/target/libs/*.jar "$STAGE/libs/"

# Manifest lines may hold at most 72 bytes; longer ones continue on lines that start with one space.
# Jar names are ASCII, so characters are bytes here.
{
    echo "Manifest-Version: 1.0"
    echo "Main-Class: org.languagetool.server.HTTPServer"
    tr ':' ' ' <"$LT/target/classpath.txt" | awk '{
        line = "Class-Path: " $0
        print substr(line, 1, 72)
        for (i = 73; i <= length(line); i += 71) print " " substr(line, i, 71)
    }'
} >"$STAGE/MANIFEST.MF"
(cd "$STAGE" && jar cfm languagetool-server.jar MANIFEST.MF && rm MANIFEST.MF)

rm -rf "$DIST"
mv "$STAGE" "$DIST"
echo "$KEY" >"$STAMP"
echo "LanguageTool $VERSION is in $DIST ($(du -sh "$DIST" | cut -f1); LTP_PATH=$LT/dist)"
