#!/bin/sh
# make-refs.sh DIR [PORT] - writes net-snmp's snmpwalk view of the test agent (one
# numeric OID per line) for each walked subtree, version and address family,
# for the walk tests to compare with.
set -eu
dir=$1
port=${2:-16161}
mkdir -p "$dir"
for v in 1 2c; do
  for fam in 4 6; do
    if [ $fam = 4 ]; then peer=udp:127.0.0.1:$port; else peer=udp6:[::1]:$port; fi
    for t in system:1.3.6.1.2.1.1 interfaces:1.3.6.1.2.1.2 ip:1.3.6.1.2.1.4 \
             snmp:1.3.6.1.2.1.11 hrSWInstalled:1.3.6.1.2.1.25.6; do
      name=${t%%:*}; oid=${t#*:}
      MIBS= snmpwalk -v$v -c public -On -Oq -r2 -t2 "$peer" "$oid" \
        | awk '/^\.1\./ { sub(/^\./, "", $1); print $1 }' > "$dir/$name-v$v-ip$fam.txt"
    done
  done
done
ls "$dir" | wc -l
