# The services app's supervision for `./palo run` and `./palo demo`: the stack, the app and GPU workers.
# Sourced by ./palo, which provides ROOT, PALO_HOME, lock_stack, stack_up, module_classpath and cmd_token.
API="http://127.0.0.1:${PALO_API_PORT:-8080}"

# The CLI's own operator token for ./palo run and demo, signed with this installation's key (made on first use,
# before the app starts, so the app finds its public half); kept for ten hours of its twelve.
cli_token() {
  local file="$PALO_HOME/auth/cli-operator.token"
  if [ ! -s "$file" ] || [ -n "$(find "$file" -mmin +600)" ]; then
    mkdir -p "$PALO_HOME/auth"
    (umask 077; cmd_token --user "cli-${USER:-$(id -un)}" --role operator --ttl PT12H >"$file.tmp") \
      && mv "$file.tmp" "$file" || { echo "palo: could not issue the CLI's token (./palo token)" >&2; return 1; }
  fi
  cat "$file"
}

# Starts the services app (which also runs a worker) unless one answers already.
services_up() {
  cli_token >/dev/null || return 1
  if curl -sf "$API/q/health/ready" >/dev/null; then gpu_workers_up; return; fi
  lock_stack; stack_up || return 1; unlock_stack
  local jar="$ROOT/services/target/quarkus-app/quarkus-run.jar" deadline
  # the app bundles the other modules, so a change in any of them rebuilds it
  if [ ! -f "$jar" ] || [ -n "$(find "$ROOT"/{model,data,workflows,activities,services}/src "$ROOT/ui" "$ROOT"/*/pom.xml \
      "$ROOT/pom.xml" -newer "$jar" -print -quit)" ]; then
    (cd "$ROOT" && mvn -B -q -pl services -am install -Dmaven.test.skip=true >&2) || return 1
  fi
  mkdir -p "$PALO_HOME/log" "$PALO_HOME/run"
  echo "palo: starting the services app on $API (log: $PALO_HOME/log/services.log)" >&2
  # /q/metrics on the management port: the API port + 1000 unless set, so that apps of several installations on one
  # machine (their API ports apart) do not clash
  PALO_METRICS_PORT="${PALO_METRICS_PORT:-$(( ${PALO_API_PORT:-8080} + 1000 ))}" PALO_GPU_SLOTS="${PALO_GPU_SLOTS:-1}" \
    setsid nohup java -jar "$jar" >"$PALO_HOME/log/services.log" 2>&1 &
  echo $! >"$PALO_HOME/run/services.pid"
  gpu_workers_up || return 1  # while the app boots
  deadline=$((SECONDS + ${PALO_UP_TIMEOUT:-180}))
  until curl -sf "$API/q/health/ready" >/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ] || ! kill -0 "$(cat "$PALO_HOME/run/services.pid")" 2>/dev/null; then
      echo "palo: the services app did not start; see $PALO_HOME/log/services.log" >&2
      return 1
    fi
    sleep 1
  done
}

# Extra worker processes polling palo-gpu only, one slot each (PALO_GPU_WORKERS, default one per core
# beside the app's own worker). Training steps in one process take turns, so the machine trains on as
# many cores as there are such processes.
gpu_workers_up() {
  # nproc would answer OMP_NUM_THREADS (1 under ./palo), not the cores
  pool_workers_up gpu "${PALO_GPU_WORKERS:-$(( $(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc) - 1 ))}"
}

# Worker processes of one pool (cpu or gpu) that poll only its task queue palo-<pool> (and palo-gpu-short beside
# palo-gpu under PALO_GPU_SCHEDULING=queues), the way the cluster's pools do: one GPU slot each, and each its own
# work folder $PALO_HOME/work/<pool>-worker-<i> (a pod's emptyDir), so that a retry on another worker needs nothing
# from a dead one's disk. No metrics endpoint: they would all want one port.
# Started again only where the last one of that name is gone; ./palo down stops them.
pool_workers_up() {
  local pool="$1" count="$2" cp i name pid_file
  [ "$count" -gt 0 ] || return 0
  cp="$(module_classpath activities)" || return 1
  local queues="palo-$pool" scheduling="${PALO_GPU_SCHEDULING:-priority}"
  # under PALO_GPU_SCHEDULING=queues a GPU worker keeps a lane for short work beside its training lane
  if [ "$pool" = gpu ] && [ "${scheduling,,}" = queues ]; then queues="palo-gpu,palo-gpu-short"; fi
  mkdir -p "$PALO_HOME/log" "$PALO_HOME/run"
  for i in $(seq "$count"); do
    name="$pool-worker-$i"
    pid_file="$PALO_HOME/run/$name.pid"
    if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then continue; fi
    echo "palo: starting $pool worker $i (log: $PALO_HOME/log/$name.log)" >&2
    PALO_WORKER_QUEUES="$queues" PALO_GPU_SLOTS="${PALO_GPU_SLOTS:-1}" PALO_WORK_DIR="$PALO_HOME/work/$name" \
      PALO_METRICS_PORT= setsid nohup java -cp "$cp" dev.palo.activities.worker.WorkerMain \
      >"$PALO_HOME/log/$name.log" 2>&1 &
    echo $! >"$pid_file"
  done
}

# One line per pool worker that ./palo started: up (with its PID) or down.
pool_workers_status() {
  local pid_file name pid
  for pid_file in "$PALO_HOME"/run/{cpu,gpu}-worker-*.pid; do
    [ -f "$pid_file" ] || continue
    name="$(basename "$pid_file" .pid)"
    pid="$(cat "$pid_file")"
    if kill -0 "$pid" 2>/dev/null; then
      printf '  %-13s up    queues %s, work %s (pid %s)\n' "$name" \
        "$(tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | sed -n 's/^PALO_WORKER_QUEUES=//p')" "$PALO_HOME/work/$name" "$pid"
    else
      printf '  %-13s down\n' "$name"
    fi
  done
}

# ./palo run, demo and study are Java clients of the API (dev.palo.services.cli); this script only checks their
# options first (no app is started for a typo), then brings the stack and the app up and hands over.
client_command() {
  local command="$1" cp; shift
  cp="$(module_classpath services)" || return 1
  case " $* " in
    *" -h "*|*" --help "*) java -cp "$cp" dev.palo.services.cli.ClientCli "$command" "$@"; return ;;
  esac
  java -cp "$cp" dev.palo.services.cli.ClientCli "$command" --dry-run "$@" || return
  services_up || return 1
  exec java -cp "$cp" dev.palo.services.cli.ClientCli "$command" "$@"
}

cmd_run() { client_command run "$@"; }
# demo and study send the repository's demo request unless the caller names one (picocli takes an option once)
with_demo_request() {
  local command="$1"; shift
  case " $* " in
    *" --request "*|*" --request="*) client_command "$command" "$@" ;;
    *) client_command "$command" --request "$ROOT/services/demo-run.json" "$@" ;;
  esac
}
cmd_demo() { with_demo_request demo "$@"; }
cmd_study() { with_demo_request study "$@"; }

# Stops the services app and the pool workers that services_up or ./palo up started, by their PIDs (./palo down).
services_down() {
  local pid_file
  for pid_file in "$PALO_HOME"/run/{cpu,gpu}-worker-*.pid; do
    [ -f "$pid_file" ] && stop_pid_file "$pid_file" WorkerMain "$(basename "$pid_file" .pid)"
  done
  stop_pid_file "$PALO_HOME/run/services.pid" quarkus-run.jar "the services app"
}

# Stops the process a PID file names if its command line still shows it is ours.
stop_pid_file() {
  local pid_file="$1" marker="$2" what="$3" pid
  [ -f "$pid_file" ] || return 0
  pid="$(cat "$pid_file")"
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$marker"; then
    echo "palo: stopping $what (PID $pid)"
    kill -TERM "$pid"
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$pid_file"
}
