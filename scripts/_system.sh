# Shared by the scripts: make sure the Debian packages jamfor needs are installed.
# Usage: ensure_packages pkg...   (installs what is missing when run as root with apt)
ensure_packages() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installerar systempaket: ${missing[*]} …" >&2
        if [ -z "${JAMFOR_APT_UPDATED:-}" ]; then
            apt-get update -qq >&2
            export JAMFOR_APT_UPDATED=1
        fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
    else
        echo "Saknade systempaket: ${missing[*]}." >&2
        echo "Installera dem (t.ex. sudo apt-get install ${missing[*]}) och kör igen." >&2
        return 1
    fi
}

# What WeasyPrint needs to write PDF reports: Pango and a font with å, ä, ö.
PDF_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)
