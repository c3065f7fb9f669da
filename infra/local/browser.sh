# The browser the dashboard's tests drive: Debian's Chromium and its chromedriver, with the Noto fonts
# that cover the ten PALO scripts (Latin, Arabic/Urdu, Devanagari, Bengali, Han, kana, Cyrillic).
# Sourced by ./palo; `./palo test` calls ensure_browser so a fresh CI machine gets them from apt.

BROWSER_PACKAGES=(chromium chromium-driver fonts-noto-core fonts-noto-cjk)

# The external Kafka client of the trigger tests (TriggersIT): Debian's kcat, which nobody here wrote.
KAFKA_CLIENT_PACKAGES=(kcat)

ensure_browser() { ensure_packages "the dashboard's browser tests" "${BROWSER_PACKAGES[@]}"; }
ensure_kafka_client() { ensure_packages "the Kafka trigger tests" "${KAFKA_CLIENT_PACKAGES[@]}"; }

# Installs those of the packages that are missing (apt-get update first); nothing when all are present.
ensure_packages() {
  local purpose="$1" missing=() pkg
  shift
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ "${#missing[@]}" = 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    if ! sudo -n true 2>/dev/null; then
      echo "palo: $purpose need ${missing[*]}; install them as root: apt-get install ${missing[*]}" >&2
      return 1
    fi
    sudo=(sudo -n)
  fi
  echo "palo: installing ${missing[*]} (apt) for $purpose"
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null \
    && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}
