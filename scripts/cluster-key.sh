#!/usr/bin/env bash
# Creates the key material that authenticates and encrypts a cluster's JGroups traffic, for local
# and test clusters: a fresh random AES-256 key in a PKCS12 keystore, its password and the AUTH
# secret, all drawn anew here and never committed. On real machines an operator makes the same
# files once and gives every node a copy (README.md, "A cluster").
#
#   scripts/cluster-key.sh DIR    writes DIR/cluster-key.p12 and DIR/cluster-key.env (shell
#                                 assignments of ERP_CLUSTER_KEYSTORE, ERP_CLUSTER_KEYSTORE_PASSWORD
#                                 and ERP_CLUSTER_AUTH_SECRET), and DIR/cluster-key.properties (the
#                                 same as system properties, for the Arquillian tests); keeps
#                                 what DIR already holds
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
mkdir -p "$1"
dir=$(cd "$1" && pwd)
keystore="$dir/cluster-key.p12"
[ -f "$keystore" ] && [ -f "$dir/cluster-key.env" ] && [ -f "$dir/cluster-key.properties" ] && exit 0

random_secret() { head -c 32 /dev/urandom | base64 | tr -d '/+=\n'; }

umask 077
rm -f "$keystore"
keystore_password=$(random_secret)
auth_secret=$(random_secret)
# :env keeps the password off keytool's command line (ps). PKCS12 protects the key entry with the
# store's password, which is what WildFly's key-store and SYM_ENCRYPT are then given.
ERP_KEYTOOL_PASSWORD="$keystore_password" keytool -genseckey -alias erp-cluster -keyalg AES -keysize 256 \
  -storetype PKCS12 -keystore "$keystore" -storepass:env ERP_KEYTOOL_PASSWORD -keypass:env ERP_KEYTOOL_PASSWORD \
  > /dev/null 2>&1
cat > "$dir/cluster-key.env" <<EOF
ERP_CLUSTER_KEYSTORE='$keystore'
ERP_CLUSTER_KEYSTORE_PASSWORD='$keystore_password'
ERP_CLUSTER_AUTH_SECRET='$auth_secret'
EOF
cat > "$dir/cluster-key.properties" <<EOF
erp.cluster.keystore=$keystore
erp.cluster.keystore-password=$keystore_password
erp.cluster.auth-secret=$auth_secret
EOF
