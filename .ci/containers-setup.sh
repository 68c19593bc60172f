#!/usr/bin/env bash
# Prepares a container engine for ComposeClusterIT (docker-compose.yml brought up for real) on a
# Debian 12 machine without registry access: podman + runc, Debian's docker-compose 1.29, and the
# images the compose file needs, built locally (a Debian base from debootstrap, a JRE image, a
# Prometheus image from Debian's package). Idempotent: installs, configures and builds only what
# is missing, so a second run takes seconds. Run as root. docs/compose.md explains the pieces.
#
#   .ci/containers-setup.sh          # then: mvn -B verify (the compose test finds the images)
set -euo pipefail
cd "$(dirname "$0")/.."

BASE_IMAGE=localhost/debian:bookworm
JRE_IMAGE=localhost/iovasim-jre:17
PROMETHEUS_IMAGE=localhost/iovasim-prometheus:debian12
log() { echo "containers-setup: $*" >&2; }

[[ $(id -u) -eq 0 ]] || { log "must run as root (podman, debootstrap and apt-get need it)"; exit 2; }

# 1. packages. crun (podman's default runtime) fails on this mixed cgroup v1/v2 machine: runc.
packages=(podman runc debootstrap docker-compose netavark aardvark-dns iptables)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. engine settings: runc, cgroupfs, file events (no systemd journal to write to), and ulimits
# root may grant (podman otherwise asks for 1048576 open files and the kernel refuses).
conf=/etc/containers/containers.conf
hard_nofile=$(ulimit -Hn)
wanted="# written by iovasim .ci/containers-setup.sh
[containers]
default_ulimits = [\"nofile=${hard_nofile}:${hard_nofile}\", \"nproc=32768:32768\"]

[engine]
runtime = \"runc\"
cgroup_manager = \"cgroupfs\"
events_logger = \"file\"
"
if [[ ! -f $conf ]] || [[ "$(cat "$conf")" != "${wanted%$'\n'}" ]]; then
  if [[ -f $conf ]] && ! grep -q 'iovasim .ci/containers-setup.sh' "$conf"; then
    cp "$conf" "$conf.before-iovasim"
    log "kept the previous $conf as $conf.before-iovasim"
  fi
  mkdir -p "$(dirname "$conf")"
  printf '%s' "$wanted" > "$conf"
  log "wrote $conf"
fi

# 3. the Debian base image, from the machine's own apt mirror (no registry needed).
if ! podman image exists "$BASE_IMAGE"; then
  # the first Debian archive named in deb822 (URIs: ...) or one-line (deb URL SUITE ...) sources
  mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
             | awk '($1 == "URIs:" || $1 == "deb") { for (i = 2; i <= NF; i++) if ($i ~ /^https?:\/\/.*\/debian\/?$/) { print $i; exit } }' || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  rootfs=$(mktemp -d /var/tmp/iovasim-rootfs.XXXXXX)
  trap 'rm -rf "$rootfs"' EXIT
  log "debootstrap bookworm from $mirror (about a minute)"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >/dev/null
  # the same mirror inside, so image builds can apt-get install (the machine's other sources may
  # need keys the image lacks)
  printf 'deb %s bookworm main\ndeb %s bookworm-updates main\n' "$mirror" "$mirror" > "$rootfs/etc/apt/sources.list"
  security=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
               | awk '($1 == "URIs:" || $1 == "deb") { for (i = 2; i <= NF; i++) if ($i ~ /^https?:\/\/.*\/debian-security\/?$/) { print $i; exit } }' || true)
  [[ -n $security ]] && printf 'deb %s bookworm-security main\n' "$security" >> "$rootfs/etc/apt/sources.list"
  # no daemons started by package scripts during image builds (as Docker's own Debian images)
  printf '#!/bin/sh\nexit 101\n' > "$rootfs/usr/sbin/policy-rc.d"
  chmod 755 "$rootfs/usr/sbin/policy-rc.d"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"; trap - EXIT
  log "imported $BASE_IMAGE"
fi

# 4. the JRE and Prometheus images the compose file takes as IOVASIM_JRE_IMAGE / PROMETHEUS_IMAGE
build() {  # image dockerfile
  if ! podman image exists "$1"; then
    log "building $1"
    podman build -q --build-arg BASE_IMAGE="$BASE_IMAGE" -f "$2" -t "$1" node-config/local-images >/dev/null
  fi
}
build "$JRE_IMAGE" node-config/local-images/jre.Dockerfile
build "$PROMETHEUS_IMAGE" node-config/local-images/prometheus.Dockerfile

# 5. a smoke test of the engine itself: if this fails, the compose test would only say less
podman run --rm "$BASE_IMAGE" true || { log "podman cannot run a container here"; exit 1; }
log "ready: $BASE_IMAGE $JRE_IMAGE $PROMETHEUS_IMAGE"
