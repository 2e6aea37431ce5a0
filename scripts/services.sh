#!/usr/bin/env bash
# Starts (or stops) the scale-out services on loopback for tests, CI and a
# first try of newsgraph's scale-out mode (README, "Scale out"):
#   - PostgreSQL from Debian's apt packages, run as the postgres user;
#   - a three-node NATS JetStream cluster, nats-server built at the version
#     go.mod pins (go tool nats-server).
#
#   scripts/services.sh start DIR   # prints the environment to export
#   scripts/services.sh stop DIR
#
# Everything lives under DIR (data, logs, pid files); ports are fixed and
# uncommon: PostgreSQL 55432, NATS clients 14231-14233, routes
# 16231-16233, monitoring 18231-18233. Must run as root (apt, runuser)
# or as a user who already has PostgreSQL installed and may run it.
set -euo pipefail
cmd=${1:?usage: services.sh start|stop DIR}
dir=${2:?usage: services.sh start|stop DIR}
repo=$(cd "$(dirname "$0")/.." && pwd)
pgport=55432

pgbin() {
	if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
		pg_config --bindir
		return
	fi
	ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

as_pg() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case $cmd in
start)
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	bin=$(pgbin)
	if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
		echo "installing PostgreSQL from apt" >&2
		apt-get update -q >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql postgresql-contrib >&2
		bin=$(pgbin)
	fi
	mkdir -p "$dir/pg"
	if [ "$(id -u)" = 0 ]; then
		# The postgres user must reach its data directory (mktemp -d makes
		# DIR private to root).
		chmod a+rx "$dir"
		chown postgres "$dir/pg"
	fi
	if [ ! -d "$dir/pg/data" ]; then
		# initdb refuses to run as root: it runs as the postgres user.
		as_pg "$bin/initdb" -D "$dir/pg/data" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >&2
	fi
	as_pg "$bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/log" -w \
		-o "-p $pgport -k $dir/pg -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >&2

	echo "building nats-server (go tool, version pinned in go.mod)" >&2
	(cd "$repo" && go build -o "$dir/nats-server" github.com/nats-io/nats-server/v2)
	for i in 1 2 3; do
		mkdir -p "$dir/nats/n$i"
		cat >"$dir/nats/n$i.conf" <<CONF
server_name: n$i
listen: 127.0.0.1:$((14230 + i))
http: 127.0.0.1:$((18230 + i))
max_payload: 8MB
jetstream { store_dir: "$dir/nats/n$i", max_memory_store: 256MB, max_file_store: 4GB }
cluster {
  name: newsgraph
  listen: 127.0.0.1:$((16230 + i))
  routes: [nats-route://127.0.0.1:16231, nats-route://127.0.0.1:16232, nats-route://127.0.0.1:16233]
}
CONF
		"$dir/nats-server" -c "$dir/nats/n$i.conf" >"$dir/nats/n$i.log" 2>&1 &
		echo $! >"$dir/nats/n$i.pid"
	done
	for _ in $(seq 1 200); do
		ok=0
		for i in 1 2 3; do
			curl -sf "http://127.0.0.1:$((18230 + i))/healthz?js-enabled-only=true" >/dev/null && ok=$((ok + 1))
		done
		[ $ok = 3 ] && break
		sleep 0.1
	done
	[ $ok = 3 ] || { echo "NATS cluster did not become healthy; logs in $dir/nats" >&2; exit 1; }
	# JetStream answers once the cluster has elected its meta leader.
	for _ in $(seq 1 300); do
		curl -sf "http://127.0.0.1:18231/jsz" | grep -q '"leader": "n' && break
		sleep 0.1
	done
	echo "export NEWSGRAPH_PG_URL='postgres://postgres@127.0.0.1:$pgport/postgres?sslmode=disable'"
	echo "export NEWSGRAPH_NATS_URL='nats://127.0.0.1:14231,nats://127.0.0.1:14232,nats://127.0.0.1:14233'"
	echo "export NEWSGRAPH_NATS_SERVER='$dir/nats-server'"
	;;
stop)
	dir=$(cd "$dir" && pwd)
	for i in 1 2 3; do
		if [ -f "$dir/nats/n$i.pid" ]; then
			kill "$(cat "$dir/nats/n$i.pid")" 2>/dev/null || true
			rm -f "$dir/nats/n$i.pid"
		fi
	done
	bin=$(pgbin)
	if [ -d "$dir/pg/data" ]; then
		as_pg "$bin/pg_ctl" -D "$dir/pg/data" -m fast stop >&2 || true
	fi
	;;
*)
	echo "usage: services.sh start|stop DIR" >&2
	exit 2
	;;
esac
