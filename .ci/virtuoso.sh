#!/usr/bin/env bash
# A throwaway Virtuoso (Debian's virtuoso-opensource-7) for the kg push tests, on 127.0.0.1 only.
#
#   .ci/virtuoso.sh install   apt-get install the server binary if it is missing
#   .ci/virtuoso.sh start     write a minimal virtuoso.ini in $KG_VIRTUOSO_DIR, start, wait for /sparql
#   .ci/virtuoso.sh stop      stop the server started by 'start' (by its pid) and delete its folder
#   .ci/virtuoso.sh url       print the SPARQL endpoint URL
#
# Ports: $KG_VIRTUOSO_HTTP_PORT (default 18890) and $KG_VIRTUOSO_SQL_PORT (default 11111).
# The fresh database's administrator is dba/dba; Graph Store writes go to /sparql-graph-crud-auth.
set -euo pipefail

DIR=${KG_VIRTUOSO_DIR:-/tmp/kg-virtuoso}
HTTP_PORT=${KG_VIRTUOSO_HTTP_PORT:-18890}
SQL_PORT=${KG_VIRTUOSO_SQL_PORT:-11111}
URL="http://127.0.0.1:${HTTP_PORT}/sparql"

binary() {
    command -v virtuoso-t || ls /usr/bin/virtuoso-t 2>/dev/null || true
}

install() {
    if [ -n "$(binary)" ]; then
        echo "virtuoso: $(binary) is installed"
        return
    fi
    apt-get update -qq
    # The server binary alone: no service is registered or started, no debconf questions.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends virtuoso-opensource-7-bin >/dev/null
    echo "virtuoso: installed $(binary)"
}

write_ini() {
    mkdir -p "$DIR/www"
    cat > "$DIR/virtuoso.ini" <<EOF
[Database]
DatabaseFile = $DIR/virtuoso.db
ErrorLogFile = $DIR/virtuoso.log
LockFile = $DIR/virtuoso.lck
TransactionFile = $DIR/virtuoso.trx
xa_persistent_file = $DIR/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = $DIR/virtuoso-temp.db
TransactionFile = $DIR/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:$SQL_PORT
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ServerThreads = 4
CheckpointInterval = 60
DirsAllowed = ., $DIR
Charset = UTF-8

[HTTPServer]
ServerPort = 127.0.0.1:$HTTP_PORT
ServerRoot = $DIR/www
ServerThreads = 4
MaxClientConnections = 4
EnabledDavVSP = 0
HTTPProxyEnabled = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
EOF
}

start() {
    local server
    server=$(binary)
    if [ -z "$server" ]; then
        echo "virtuoso: not installed (run: $0 install)" >&2
        exit 1
    fi
    if [ -f "$DIR/server.pid" ] && kill -0 "$(cat "$DIR/server.pid")" 2>/dev/null; then
        echo "virtuoso: already running (pid $(cat "$DIR/server.pid")) at $URL"
        return
    fi
    rm -rf "$DIR"
    write_ini
    (cd "$DIR" && exec "$server" +configfile "$DIR/virtuoso.ini" +foreground >"$DIR/stdout.log" 2>&1) &
    echo $! > "$DIR/server.pid"
    for _ in $(seq 1 120); do
        if python3 -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" "$URL?query=ASK%7B%7D" 2>/dev/null; then
            echo "virtuoso: ready at $URL (pid $(cat "$DIR/server.pid"))"
            return
        fi
        if ! kill -0 "$(cat "$DIR/server.pid")" 2>/dev/null; then
            echo "virtuoso: exited during start-up; log:" >&2
            tail -20 "$DIR/virtuoso.log" "$DIR/stdout.log" >&2 || true
            exit 1
        fi
        sleep 0.5
    done
    echo "virtuoso: no answer at $URL after 60 s" >&2
    stop
    exit 1
}

stop() {
    if [ -f "$DIR/server.pid" ]; then
        local pid
        pid=$(cat "$DIR/server.pid")
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid"
            for _ in $(seq 1 40); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.25
            done
            kill -9 "$pid" 2>/dev/null || true
        fi
    fi
    rm -rf "$DIR"
    echo "virtuoso: stopped"
}

case "${1:-}" in
    install) install ;;
    start) start ;;
    stop) stop ;;
    url) echo "$URL" ;;
    *) echo "usage: $0 install|start|stop|url" >&2; exit 2 ;;
esac
