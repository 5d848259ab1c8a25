#!/usr/bin/env bash
# Replays an nginx access log through CrowdSec (Debian's package, offline) with its nginx parser and the
# HTTP scenarios the package enables, on a fresh config/database, and prints lines/s, peak RSS and the
# number of alerts and decisions. Usage: scripts/peers/crowdsec-replay.sh FILE [LINES]
# Needs: apt-get install crowdsec (see ../shared/BENCHMARKING.md for the offline install), sqlite3 optional.
set -euo pipefail
file=$(realpath "$1")
lines=${2:-}
work=$(mktemp -d /tmp/crowdsec-replay.XXXXXX)
trap 'rm -rf "$work"' EXIT

if [ -n "$lines" ]; then head -n "$lines" "$file" > "$work/access.log"; file="$work/access.log"; fi
total=$(wc -l < "$file")

cp -r /etc/crowdsec "$work/etc"
mkdir -p "$work/data"
cp -r /var/lib/crowdsec/data/. "$work/data/"
rm -f "$work/data/crowdsec.db"
# Debian ships path_traversal.txt; the scenario asks for http_path_traversal.txt.
[ -f "$work/data/http_path_traversal.txt" ] || cp "$work/data/path_traversal.txt" "$work/data/http_path_traversal.txt"
port=$((20000 + RANDOM % 20000))
sed -i \
  -e "s#config_dir: /etc/crowdsec/#config_dir: $work/etc/#" \
  -e "s#data_dir: /var/lib/crowdsec/data/#data_dir: $work/data/#" \
  -e "s#db_path: /var/lib/crowdsec/data/crowdsec.db#db_path: $work/data/crowdsec.db#" \
  -e "s#simulation_path: /etc/crowdsec/simulation.yaml#simulation_path: $work/etc/simulation.yaml#" \
  -e "s#acquisition_path: /etc/crowdsec/acquis.yaml#acquisition_path: $work/etc/acquis.yaml#" \
  -e "s#acquisition_dir: /etc/crowdsec/acquis.d#acquisition_dir: $work/etc/acquis.d#" \
  -e "s#profiles_path: /etc/crowdsec/profiles.yaml#profiles_path: $work/etc/profiles.yaml#" \
  -e "s#credentials_path: /etc/crowdsec/local_api_credentials.yaml#credentials_path: $work/etc/local_api_credentials.yaml#" \
  -e "s#listen_uri: 127.0.0.1:8080#listen_uri: 127.0.0.1:$port#" \
  -e "s#log_dir: /var/log/#log_dir: $work/#" \
  -e "s#daemonize: true#daemonize: false#" \
  -e "s#enabled: true#enabled: false#" \
  "$work/etc/config.yaml"
# A fresh database has no machine: register one for the in-process agent.
cscli -c "$work/etc/config.yaml" machines add rampart-bench --auto --force \
  -f "$work/etc/local_api_credentials.yaml" --url "http://127.0.0.1:$port" >/dev/null 2>&1

start=$(date +%s.%N)
/usr/bin/time -f '%M' -o "$work/rss" crowdsec -c "$work/etc/config.yaml" -dsn "file://$file" -type nginx -no-capi >"$work/stdout" 2>&1 || true
end=$(date +%s.%N)
secs=$(echo "$end - $start" | bc -l)
rss_kb=$(tail -n 1 "$work/rss")
alerts=$(python3 -c "import sqlite3,sys; c=sqlite3.connect('$work/data/crowdsec.db'); print(c.execute('select count(*) from alerts').fetchone()[0])" 2>/dev/null || echo '?')
decisions=$(python3 -c "import sqlite3,sys; c=sqlite3.connect('$work/data/crowdsec.db'); print(c.execute('select count(*) from decisions').fetchone()[0])" 2>/dev/null || echo '?')
ips=$(python3 -c "import sqlite3,sys; c=sqlite3.connect('$work/data/crowdsec.db'); print(' '.join(sorted({r[0] for r in c.execute('select value from decisions')})))" 2>/dev/null || echo '')
printf '{"tool":"crowdsec","lines":%d,"seconds":%.2f,"lines_per_s":%.0f,"peak_rss_mb":%.0f,"alerts":"%s","decisions":"%s"}\n' \
  "$total" "$secs" "$(echo "$total / $secs" | bc -l)" "$(echo "$rss_kb / 1024" | bc -l)" "$alerts" "$decisions"
if [ -n "${CROWDSEC_PRINT_IPS:-}" ]; then echo "$ips" | tr ' ' '\n'; fi
