# Finds a JDK 21 or newer and exports JAVA_HOME. Sourced by ./orqestra and .ci/run.
# Order: JAVA_HOME, the java on PATH, then the usual install folders (newest first).

ORQESTRA_MIN_JAVA=21

# Prints the feature version (17, 21, 25...) of the JDK at $1, or nothing when it is not a JDK.
jdk_version() {
    local home="$1"
    [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 0
    "$home/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

use_jdk() {
    local candidates=() candidate version
    [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
    if command -v javac >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
    fi
    local dir
    for dir in /usr/lib/jvm /usr/java /opt/java /Library/Java/JavaVirtualMachines "$HOME/.sdkman/candidates/java" "$HOME/.jdks"; do
        [[ -d "$dir" ]] || continue
        while IFS= read -r candidate; do
            [[ -d "$candidate/Contents/Home" ]] && candidate="$candidate/Contents/Home"
            candidates+=("$candidate")
        done < <(find "$dir" -mindepth 1 -maxdepth 1 \( -type d -o -type l \) 2>/dev/null | sort -rV)
    done
    for candidate in "${candidates[@]}"; do
        version="$(jdk_version "$candidate")"
        if [[ -n "$version" && "$version" -ge "$ORQESTRA_MIN_JAVA" ]]; then
            export JAVA_HOME="$candidate"
            # Maven's Guice uses sun.misc.Unsafe; JDK 24+ warns loudly about it unless told it is known
            if [[ "$version" -ge 24 && "${MAVEN_OPTS:-}" != *sun-misc-unsafe* ]]; then
                export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
            fi
            return 0
        fi
    done
    echo "orqestra: no JDK $ORQESTRA_MIN_JAVA or newer found (checked JAVA_HOME, PATH and /usr/lib/jvm); install one, e.g. Temurin 21, and set JAVA_HOME to it." >&2
    exit 1
}
