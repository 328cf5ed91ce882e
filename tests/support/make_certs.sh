#!/usr/bin/env bash
# Generate the TLS material used by the SMTP integration tests.
#
#   make_certs.sh OUT_DIR
#
# Produces in OUT_DIR:
#   ca.pem / ca.key             test CA (basicConstraints CA:TRUE, keyCertSign)
#   leaf.pem / leaf.key         server cert for localhost + 127.0.0.1, signed by ca
#   other-ca.pem / other-ca.key an unrelated CA, for "wrong trust anchor" tests
#
# The CA and the leaf are deliberately distinct: rustls/webpki refuses an
# end-entity certificate that is also a CA (the usual `openssl req -x509`
# self-signed shortcut), so a real two-level chain is required.
#
# Idempotent and safe to call concurrently (cargo runs tests in parallel):
# an existing, still-valid set is left untouched, and generation happens in a
# private temp dir under an flock so readers never see a half-written or mixed
# set (e.g. a leaf from one run next to a CA from another).
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 OUT_DIR" >&2
    exit 2
fi

out_dir=$1
mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)

files=(ca.pem ca.key leaf.pem leaf.key other-ca.pem other-ca.key)

# Run openssl silently, but surface its output if it fails: `set -e` alone
# would abort without telling anyone why.
quiet() {
    local output
    if ! output=$("$@" 2>&1); then
        printf 'make_certs.sh: command failed: %s\n%s\n' "$*" "$output" >&2
        return 1
    fi
}

have_valid_set() {
    local f
    for f in "${files[@]}"; do
        [[ -s "$out_dir/$f" ]] || return 1
    done
    # Leaf must chain to the CA and not expire within the next day
    # (a test run must not straddle an expiry).
    openssl verify -CAfile "$out_dir/ca.pem" "$out_dir/leaf.pem" >/dev/null 2>&1 || return 1
    openssl x509 -checkend 86400 -noout -in "$out_dir/leaf.pem" >/dev/null 2>&1 || return 1
    openssl x509 -checkend 86400 -noout -in "$out_dir/ca.pem" >/dev/null 2>&1 || return 1
    # ...and leaf.key must actually belong to leaf.pem.
    [[ "$(openssl pkey -in "$out_dir/leaf.key" -pubout 2>/dev/null)" == \
       "$(openssl x509 -in "$out_dir/leaf.pem" -noout -pubkey 2>/dev/null)" ]] || return 1
}

# Random positive serial; 15 bytes keeps it well inside RFC 5280's 20-octet cap.
serial() { echo "0x$(openssl rand -hex 15)"; }

# Write a minimal openssl config so the distro's openssl.cnf (whose v3_ca
# section would add duplicate extensions) cannot interfere.
write_ca_conf() { # $1 = path, $2 = CN
    cat >"$1" <<EOF
[req]
distinguished_name = dn
prompt             = no
x509_extensions    = ext
[dn]
CN = $2
O  = JobGate test suite
[ext]
basicConstraints       = critical, CA:TRUE, pathlen:0
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
EOF
}

make_ca() { # $1 = dir, $2 = basename, $3 = CN
    write_ca_conf "$1/$2.cnf" "$3"
    quiet openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1/$2.key"
    quiet openssl req -x509 -new -config "$1/$2.cnf" -key "$1/$2.key" \
        -sha256 -days 3650 -set_serial "$(serial)" -out "$1/$2.pem"
}

generate() { # $1 = temp dir
    local tmp=$1
    make_ca "$tmp" ca "JobGate Test CA"
    make_ca "$tmp" other-ca "JobGate Unrelated Test CA"

    cat >"$tmp/leaf.cnf" <<EOF
[req]
distinguished_name = dn
prompt             = no
[dn]
CN = localhost
O  = JobGate test suite
[ext]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature
extendedKeyUsage       = serverAuth
subjectAltName         = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
EOF
    quiet openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp/leaf.key"
    quiet openssl req -new -config "$tmp/leaf.cnf" -key "$tmp/leaf.key" -out "$tmp/leaf.csr"
    quiet openssl x509 -req -in "$tmp/leaf.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" \
        -set_serial "$(serial)" -sha256 -days 825 \
        -extfile "$tmp/leaf.cnf" -extensions ext -out "$tmp/leaf.pem"

    # Fail loudly here rather than with an obscure handshake error in a test.
    quiet openssl verify -CAfile "$tmp/ca.pem" "$tmp/leaf.pem"
    if openssl verify -CAfile "$tmp/other-ca.pem" "$tmp/leaf.pem" >/dev/null 2>&1; then
        echo "make_certs.sh: leaf unexpectedly verifies against other-ca" >&2
        return 1
    fi
}

umask 077
exec 9>"$out_dir/.make_certs.lock"
flock 9

if have_valid_set; then
    exit 0
fi

tmp=$(mktemp -d "$out_dir/.make_certs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
generate "$tmp"
# Certificates are public; only the keys need to stay private.
chmod 644 "$tmp"/*.pem
for f in "${files[@]}"; do
    mv -f "$tmp/$f" "$out_dir/$f"
done
