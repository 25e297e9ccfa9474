#!/usr/bin/env bash
# Creates the Secrets Latchkey needs in namespace latchkey (or $NAMESPACE), with fresh random values, and
# prints the bootstrap admin token once. Never overwrites an existing Secret: replacing the pepper or the
# key-encryption key would make stored client secrets and signing keys unusable (README.md, "Rotate keys").
#   deploy/kubernetes/secrets/create-secrets.sh            # uses the current kubectl context
#   DRY_RUN=1 deploy/kubernetes/secrets/create-secrets.sh  # print the Secret manifests instead
# Needs kubectl, openssl, python3 (for the token's checksum) and uuidgen or /proc/sys/kernel/random/uuid.
set -euo pipefail
ns=${NAMESPACE:-latchkey}

# An API token in Latchkey's format (libs/token-verifier OpaqueTokens): lkt_ + 43 base62 characters of 256
# random bits + 6 base62 characters of the CRC32 of everything before them.
new_token() {
  python3 - <<'PY'
import secrets, zlib
A = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
def b62(v, n):
    out = []
    for _ in range(n):
        v, r = divmod(v, 62)
        out.append(A[r])
    assert v == 0
    return "".join(reversed(out))
body = "lkt_" + b62(int.from_bytes(secrets.token_bytes(32), "big"), 43)
print(body + b62(zlib.crc32(body.encode("ascii")), 6))
PY
}
uuid() { uuidgen 2>/dev/null | tr 'A-Z' 'a-z' || cat /proc/sys/kernel/random/uuid; }

exists() { [ -z "${DRY_RUN:-}" ] && kubectl -n "$ns" get secret "$1" >/dev/null 2>&1; }
create() { # name, then --from-literal args
  local name=$1; shift
  if exists "$name"; then echo "secret/$name exists: kept" >&2; return 1; fi
  if [ -n "${DRY_RUN:-}" ]; then
    kubectl -n "$ns" create secret generic "$name" "$@" --dry-run=client -o yaml; echo "---"
  else
    kubectl -n "$ns" create secret generic "$name" "$@" >&2
  fi
}

[ -n "${DRY_RUN:-}" ] || kubectl get namespace "$ns" >/dev/null 2>&1 || kubectl create namespace "$ns" >&2

create latchkey-oauth-keys \
  --from-literal=LATCHKEY_OAUTH_SECRET_PEPPER="$(openssl rand -base64 32)" \
  --from-literal=LATCHKEY_OAUTH_KEY_ENCRYPTION_KEY="$(openssl rand -base64 32)" || true

token=$(new_token)
if create latchkey-bootstrap \
    --from-literal=LATCHKEY_BOOTSTRAP_ADMIN_TOKEN="$token" \
    --from-literal=LATCHKEY_BOOTSTRAP_ADMIN_MEMBER_ID="$(uuid)"; then
  # the verifiers start with the bootstrap token; replace it with a token:introspect-only token (README.md)
  create latchkey-introspection --from-literal=LATCHKEY_VERIFIER_INTROSPECTION_CREDENTIAL="$token" || true
  echo >&2
  echo "Bootstrap admin token of tenant SP-000001-01 (shown once; store it in a password manager):" >&2
  echo "  $token" >&2
fi
