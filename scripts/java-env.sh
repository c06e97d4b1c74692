# Sourced by the project's scripts: finds a JDK >= 21 and exports JAVA_HOME; sets BOURSE_SERVER_GC.
# Order: $JAVA_HOME if it is >= 21, then /usr/lib/jvm/temurin-25-jdk-amd64, then any /usr/lib/jvm/* >= 21.

bourse_java_version() {
    # prints the feature version (17, 21, 25, ...) of the java binary given, or nothing
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

bourse_find_jdk() {
    # prints "JAVA_HOME FEATURE_VERSION" of the first JDK >= 21
    local candidate version
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
        version=$(bourse_java_version "$candidate/bin/java")
        if [ -n "$version" ] && [ "$version" -ge 21 ]; then
            echo "$candidate $version"
            return 0
        fi
    done
    return 1
}

if ! bourse_jdk=$(bourse_find_jdk); then
    echo "error: Bourse needs a JDK 21 or newer (java and javac)." >&2
    echo "       Set JAVA_HOME to one, or install one under /usr/lib/jvm (e.g. Temurin 25)." >&2
    echo "       Found: JAVA_HOME=${JAVA_HOME:-<unset>}; java on PATH: $(command -v java || echo none)" >&2
    exit 1
fi
export JAVA_HOME="${bourse_jdk% *}"
export PATH="$JAVA_HOME/bin:$PATH"
BOURSE_JAVA_VERSION="${bourse_jdk##* }"

# The collector of server processes: generational ZGC, whose pauses stay under a millisecond where the parallel
# collector stopped the API for 100-400 ms (docs/benchmarks.md). Java 21 and 22 need the flag that 23 made the
# default and 24 removed.
if [ "$BOURSE_JAVA_VERSION" -lt 23 ]; then
    BOURSE_SERVER_GC="-XX:+UseZGC -XX:+ZGenerational"
else
    BOURSE_SERVER_GC="-XX:+UseZGC"
fi
