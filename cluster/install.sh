#!/usr/bin/env bash
# Installs what the cluster harness needs on a Debian bookworm machine, as root.
# Binaries are cached outside git under ~/.cache/kdeck-cluster/<Go version>/; each component is rebuilt only when its own pins change.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"

command -v go >/dev/null || export PATH="$PATH:/usr/local/go/bin"
command -v go >/dev/null || { echo "install.sh needs Go 1.26 (go not found)" >&2; exit 1; }

cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/kdeck-cluster"
prefix="$cache_root/$(go env GOVERSION)"
bin="$prefix/bin"
mkdir -p "$bin" "$prefix/stamps"

log() { printf '[install %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
# A step's stamp holds the pins it was built from: a new pin for one component rebuilds that one alone.
pins_of() {
  local name="$1"; shift
  local v out="$name"
  for v in "$@"; do out+=" $v=${!v}"; done
  printf '%s\n' "$out"
}
done_step() { [[ -e "$prefix/stamps/$1" && "$(cat "$prefix/stamps/$1")" == "$(pins_of "$@")" ]]; }
mark() { pins_of "$@" >"$prefix/stamps/$1"; }
timed() {
  local name="$1"; shift
  local t0=$SECONDS
  "$@"
  log "$name took $((SECONDS - t0))s"
}

# Go builds must not fetch a newer toolchain, nor use cgo.
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-buildvcs=false

apt_packages() {
  local missing=()
  for p in bind9 bind9-utils bind9-dnsutils; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    log "apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  # The harness runs its own named; the distribution's service is not needed.
  if command -v systemctl >/dev/null && systemctl is-active --quiet named 2>/dev/null; then
    systemctl stop named || true
  fi
}

# etcd 3.5 from Debian trixie, extracted into the cache without touching the system's apt state.
etcd_from_trixie() {
  done_step etcd ETCD_DEBIAN_SUITE ETCD_MINOR && return 0
  local work="$prefix/etcd-apt"
  rm -rf "$work"; mkdir -p "$work/lists/partial" "$work/archives/partial" "$work/deb"
  cat >"$work/sources.list" <<EOF
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $ETCD_DEBIAN_SUITE main
EOF
  local opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
    -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work" -o "Dir::Cache::archives=$work/archives"
    -o "APT::Sandbox::User=root")
  apt-get "${opts[@]}" update -qq
  (cd "$work/deb" && apt-get "${opts[@]}" download etcd-server >/dev/null)
  local deb
  deb="$(ls "$work"/deb/etcd-server_*.deb)"
  dpkg-deb -x "$deb" "$work/root"
  install -m 0755 "$work/root/usr/bin/etcd" "$bin/etcd"
  local v
  v="$("$bin/etcd" --version | awk '/etcd Version/ {print $3}')"
  [[ "$v" == "$ETCD_MINOR".* ]] || { log "etcd from $ETCD_DEBIAN_SUITE is $v, expected $ETCD_MINOR.x"; exit 1; }
  rm -rf "$work"
  log "etcd $v"
  mark etcd ETCD_DEBIAN_SUITE ETCD_MINOR
}

# k8s.io/kubernetes cannot be `go install`ed (its go.mod pins staging modules at v0.0.0), so build it from a wrapper module.
kubernetes_binaries() {
  done_step kubernetes KUBERNETES_VERSION KUBERNETES_STAGING_VERSION && return 0
  local mod="$prefix/src/kubernetes"
  rm -rf "$mod"; mkdir -p "$mod"
  (
    cd "$mod"
    go mod init kdeck.local/k8s-build >/dev/null 2>&1
    local staging
    staging="$(go mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" |
      sed -n 's/.*"GoMod": "\(.*\)".*/\1/p' | xargs sed -n 's#^\s*\(k8s\.io/[a-z0-9-]*\) => \./staging/.*#\1#p')"
    local edits=(-require="k8s.io/kubernetes@$KUBERNETES_VERSION")
    for m in $staging; do edits+=(-replace="$m=$m@$KUBERNETES_STAGING_VERSION"); done
    go mod edit "${edits[@]}"
    local cmds=(kube-apiserver kube-controller-manager kube-scheduler kubectl)
    local pkgs=()
    for c in "${cmds[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$c"); done
    go get "${pkgs[@]/%/@$KUBERNETES_VERSION}"
    local major minor
    IFS=. read -r major minor _ <<<"${KUBERNETES_VERSION#v}"
    local v=k8s.io/component-base/version
    local ldflags="-s -w -X $v.gitVersion=$KUBERNETES_VERSION -X $v.gitMajor=$major -X $v.gitMinor=$minor -X $v.gitTreeState=clean -X $v.buildDate=1970-01-01T00:00:00Z"
    ldflags+=" -X k8s.io/client-go/pkg/version.gitVersion=$KUBERNETES_VERSION"
    go build -trimpath -ldflags "$ldflags" -o "$bin/" "${pkgs[@]}"
  )
  mark kubernetes KUBERNETES_VERSION KUBERNETES_STAGING_VERSION
}

kwok_binaries() {
  done_step kwok KWOK_VERSION && return 0
  GOBIN="$bin" go install -trimpath -ldflags "-s -w" \
    "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" "sigs.k8s.io/kwok/cmd/kwokctl@$KWOK_VERSION"
  mark kwok KWOK_VERSION
}

metallb_binary() {
  done_step metallb METALLB_VERSION && return 0
  local tmp="$prefix/gobin-metallb"
  rm -rf "$tmp"; mkdir -p "$tmp"
  GOBIN="$tmp" go install -trimpath -ldflags "-s -w" "go.universe.tf/metallb/controller@$METALLB_VERSION"
  mv "$tmp/controller" "$bin/metallb-controller"; rmdir "$tmp"
  mark metallb METALLB_VERSION
}

# A wrapper module too: some of external-dns's pinned dependencies are refused by the module proxy and are replaced.
external_dns_binary() {
  done_step external-dns EXTERNAL_DNS_VERSION EXTERNAL_DNS_REPLACES && return 0
  local mod="$prefix/src/external-dns"
  rm -rf "$mod"; mkdir -p "$mod"
  (
    cd "$mod"
    go mod init kdeck.local/external-dns-build >/dev/null 2>&1
    local edits=(-require="sigs.k8s.io/external-dns@$EXTERNAL_DNS_VERSION")
    for r in $EXTERNAL_DNS_REPLACES; do edits+=(-replace="${r%@*}=$r"); done
    go mod edit "${edits[@]}"
    go get "sigs.k8s.io/external-dns@$EXTERNAL_DNS_VERSION"
    go build -trimpath -ldflags "-s -w -X sigs.k8s.io/external-dns/pkg/apis/externaldns.Version=$EXTERNAL_DNS_VERSION" \
      -o "$bin/external-dns" sigs.k8s.io/external-dns
  )
  mark external-dns EXTERNAL_DNS_VERSION EXTERNAL_DNS_REPLACES
}

# helm itself, for the Helm release tests: its go.mod has no replaces, so `go install` builds it as released.
helm_binary() {
  done_step helm HELM_VERSION && return 0
  local tmp="$prefix/gobin-helm"
  rm -rf "$tmp"; mkdir -p "$tmp"
  GOBIN="$tmp" go install -trimpath -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION -X helm.sh/helm/v3/internal/version.gitTreeState=clean" \
    "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
  mv "$tmp/helm" "$bin/helm"; rmdir "$tmp"
  mark helm HELM_VERSION
}

# Manifests the harness applies (CRDs) come from the same module versions as the binaries.
crd_sources() {
  done_step crds METALLB_VERSION EXTERNAL_DNS_VERSION KWOK_VERSION && return 0
  local out="$prefix/crds"
  mkdir -p "$out"
  local dir
  dir="$(go mod download -json "go.universe.tf/metallb@$METALLB_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
  cat "$dir"/config/crd/bases/*.yaml >"$out/metallb.yaml"
  dir="$(go mod download -json "sigs.k8s.io/external-dns@$EXTERNAL_DNS_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
  cp "$dir/config/crd/standard/dnsendpoints.externaldns.k8s.io.yaml" "$out/dnsendpoint.yaml"
  # The Istio CRDs come from the istio.io/api version that external-dns itself is built against.
  local istio
  istio="$(awk '$1 == "istio.io/api" {print $2}' "$dir/go.mod")"
  dir="$(go mod download -json "istio.io/api@$istio" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
  cp "$dir/kubernetes/customresourcedefinitions.gen.yaml" "$out/istio.yaml"
  # kwok's default node and pod stages, which the harness extends with a crash-loop stage.
  dir="$(go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
  mkdir -p "$prefix/kwok-stages"
  cp "$dir"/kustomize/stage/node/fast/node-initialize.yaml \
    "$dir"/kustomize/stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
    "$dir"/kustomize/stage/pod/fast/pod-ready.yaml "$dir"/kustomize/stage/pod/fast/pod-complete.yaml \
    "$dir"/kustomize/stage/pod/fast/pod-delete.yaml "$prefix/kwok-stages/"
  mark crds METALLB_VERSION EXTERNAL_DNS_VERSION KWOK_VERSION
}

# Everything runs from main, so bash has parsed the whole file before any step starts.
main() {
  local t0=$SECONDS
  log "cache $prefix"
  timed "apt packages" apt_packages
  timed "etcd" etcd_from_trixie
  timed "kubernetes build" kubernetes_binaries
  timed "kwok build" kwok_binaries
  timed "metallb build" metallb_binary
  timed "external-dns build" external_dns_binary
  timed "helm build" helm_binary
  timed "manifests" crd_sources
  ln -sfn "$prefix" "$cache_root/current"
  log "ready in $((SECONDS - t0))s: $bin"
}

main "$@"
