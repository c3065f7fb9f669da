# The embedded stack behind `./palo up|down|status`: Temporal, an S3 object store, MLflow and Kafka,
# each a real server in its own process group on 127.0.0.1, state under $PALO_HOME.
# Sourced by ./palo, which sets ROOT and PALO_HOME and defines module_classpath.

# Ports and credentials: override by environment variable before `./palo up`.
: "${PALO_TEMPORAL_PORT:=7233}" "${PALO_TEMPORAL_UI_PORT:=8233}"
: "${PALO_S3_PORT:=9000}" "${PALO_MLFLOW_PORT:=5000}"
: "${PALO_KAFKA_PORT:=9092}" "${PALO_KAFKA_CONTROLLER_PORT:=9093}"
: "${PALO_S3_ACCESS_KEY:=palo}" "${PALO_S3_SECRET_KEY:=palo-local-secret}"
: "${PALO_UP_TIMEOUT:=180}"
# The addresses clients read (tests, workers, services); derived from the ports above.
export PALO_TEMPORAL_ADDRESS="127.0.0.1:$PALO_TEMPORAL_PORT"
export PALO_TEMPORAL_UI="http://127.0.0.1:$PALO_TEMPORAL_UI_PORT"
export PALO_S3_ENDPOINT="http://127.0.0.1:$PALO_S3_PORT"
export PALO_MLFLOW_URI="http://127.0.0.1:$PALO_MLFLOW_PORT"
export PALO_KAFKA_BOOTSTRAP="127.0.0.1:$PALO_KAFKA_PORT"
export PALO_S3_ACCESS_KEY PALO_S3_SECRET_KEY
# Buckets created at start: platform artifacts, and MLflow's artifact store.
PALO_S3_BUCKETS="palo,mlflow"

STACK_PARTS=(s3 kafka temporal mlflow)
VENV="$PALO_HOME/venv"
# The model-export tests' reference stack (torch, transformers, PEFT): a venv of its own, so its packages never
# move the versions the stack's servers run on. $PALO_HOME/venv-model is a link to one venv per requirements file
# under PALO_CACHE_HOME (default ~/.cache/palo), shared by every checkout of the user: 7 GB installed, ~2 min.
MODEL_VENV="$PALO_HOME/venv-model"
: "${PALO_CACHE_HOME:=${XDG_CACHE_HOME:-$HOME/.cache}/palo}"
REQUIREMENTS="$ROOT/infra/local/requirements.txt"
REQUIREMENTS_UI="$ROOT/infra/local/requirements-ui.txt"
REQUIREMENTS_MODEL="$ROOT/infra/local/requirements-model.txt"

pid_file() { echo "$PALO_HOME/run/$1.pid"; }
log_file() { echo "$PALO_HOME/log/$1.log"; }

# The ports a part listens on, as "ENV_VAR=port" pairs, so a clash can name the variable to change.
part_ports() {
  case "$1" in
    s3) echo "PALO_S3_PORT=$PALO_S3_PORT" ;;
    kafka) echo "PALO_KAFKA_PORT=$PALO_KAFKA_PORT PALO_KAFKA_CONTROLLER_PORT=$PALO_KAFKA_CONTROLLER_PORT" ;;
    temporal) echo "PALO_TEMPORAL_PORT=$PALO_TEMPORAL_PORT PALO_TEMPORAL_UI_PORT=$PALO_TEMPORAL_UI_PORT" ;;
    mlflow) echo "PALO_MLFLOW_PORT=$PALO_MLFLOW_PORT" ;;
  esac
}

part_urls() {
  case "$1" in
    s3) echo "endpoint $PALO_S3_ENDPOINT (buckets: $PALO_S3_BUCKETS)" ;;
    kafka) echo "bootstrap $PALO_KAFKA_BOOTSTRAP" ;;
    temporal) echo "gRPC $PALO_TEMPORAL_ADDRESS, Web UI $PALO_TEMPORAL_UI" ;;
    mlflow) echo "UI and API $PALO_MLFLOW_URI" ;;
  esac
}

# A word of the part's command line, checked so that a PID reused by an unrelated program is not ours.
part_marker() {
  case "$1" in
    s3) echo "dev.palo.infra.local.S3ProxyMain" ;;
    kafka) echo "dev.palo.infra.local.KafkaBrokerMain" ;;
    temporal) echo "$VENV/bin/temporal server start-dev" ;;
    mlflow) echo "$VENV/bin/mlflow server" ;;
  esac
}

# Prints the PID of the part's process if palo started it and it still runs; removes a stale PID file.
running_pid() {
  local file pid
  file="$(pid_file "$1")"
  [ -f "$file" ] || return 1
  pid="$(cat "$file")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$(part_marker "$1")"; then
    echo "$pid"
  else
    rm -f "$file"
    return 1
  fi
}

# The Java launchers' classpath, built once per ./palo call (a build inside a background start would race).
launcher_classpath() {
  [ -n "${LAUNCHER_CP:-}" ] || LAUNCHER_CP="$(module_classpath infra/local)"
  echo "$LAUNCHER_CP"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

part_healthy() {
  case "$1" in
    # any S3 server tags its answers, even the AccessDenied to this anonymous request
    s3) curl -s -o /dev/null -D - --max-time 3 "$PALO_S3_ENDPOINT/" | grep -qi '^x-amz-request-id:' ;;
    kafka) port_open "$PALO_KAFKA_PORT" \
      && java -cp "$(launcher_classpath)" dev.palo.infra.local.KafkaReadyCheck "$PALO_KAFKA_BOOTSTRAP" >/dev/null 2>&1 ;;
    temporal) "$VENV/bin/temporal" operator cluster health --address "$PALO_TEMPORAL_ADDRESS" >/dev/null 2>&1 ;;
    mlflow) [ "$(curl -s --max-time 3 "$PALO_MLFLOW_URI/health")" = OK ] ;;
  esac
}

# Creates the Python environment (Temporal CLI, MLflow and its UI) when missing or when a requirements file changed.
ensure_venv() {
  local stamp="$VENV/.requirements"
  if [ -f "$stamp" ] && cat "$REQUIREMENTS" "$REQUIREMENTS_UI" | cmp -s "$stamp" -; then return 0; fi
  echo "palo: installing the Python side of the stack into $VENV (pip, from $REQUIREMENTS)"
  if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
    echo "palo: the stack needs python3 >= 3.10 on the PATH (MLflow 3); found: $(python3 --version 2>&1)" >&2
    return 1
  fi
  if [ ! -x "$VENV/bin/python" ] && ! python3 -m venv "$VENV"; then
    echo "palo: 'python3 -m venv' failed; install Python's venv module (Debian: apt-get install python3-venv)" >&2
    return 1
  fi
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$REQUIREMENTS" || return 1
  # the MLflow UI's files, without the full package's model extras (see requirements-ui.txt)
  "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps -r "$REQUIREMENTS_UI" || return 1
  cat "$REQUIREMENTS" "$REQUIREMENTS_UI" >"$stamp"
}

# The reference Python stack of the model-export tests (transformers, PEFT, torch), for `./palo test` and
# `./palo bench` only: 3.9 GB of wheels that the servers never import (see requirements-model.txt). Installed once
# per version of requirements-model.txt into PALO_CACHE_HOME/venv-model-<sha256 prefix>, under a lock so that two
# checkouts never install into it at once, and linked as $MODEL_VENV; a venv whose install failed has no stamp and
# is installed again.
ensure_model_venv() {
  local digest shared stamp
  digest="$(sha256sum "$REQUIREMENTS_MODEL" | cut -c1-12)"
  shared="$PALO_CACHE_HOME/venv-model-$digest"
  stamp="$shared/.requirements-model"
  mkdir -p "$PALO_CACHE_HOME" "$(dirname "$MODEL_VENV")" || return 1
  (
    flock 8
    if [ -f "$stamp" ] && cmp -s "$stamp" "$REQUIREMENTS_MODEL"; then exit 0; fi
    echo "palo: installing the model-export test stack into $shared (pip, from $REQUIREMENTS_MODEL; ~3.9 GB once)"
    if [ ! -x "$shared/bin/python" ] && ! python3 -m venv "$shared"; then
      echo "palo: 'python3 -m venv' failed; install Python's venv module (Debian: apt-get install python3-venv)" >&2
      exit 1
    fi
    "$shared/bin/pip" install -q --disable-pip-version-check -r "$REQUIREMENTS_MODEL" || exit 1
    cp "$REQUIREMENTS_MODEL" "$stamp"
  ) 8>"$PALO_CACHE_HOME/venv-model.lock" || return 1
  # an older checkout's own venv (a folder, not a link) gives way to the shared one
  if [ -d "$MODEL_VENV" ] && [ ! -L "$MODEL_VENV" ]; then rm -rf "$MODEL_VENV"; fi
  ln -sfn "$shared" "$MODEL_VENV"
}

# Starts one part in its own session (so `down` can stop it with its children) and records its PID.
# Descriptor 9 is ./palo's stack lock: a server must not keep holding it.
start_part() {
  local part="$1" log
  log="$(log_file "$part")"
  mkdir -p "$PALO_HOME/run" "$PALO_HOME/log" "$PALO_HOME/$part"
  : >"$log"
  case "$part" in
    s3)
      setsid java -Xmx256m -cp "$(launcher_classpath)" dev.palo.infra.local.S3ProxyMain \
        --dir "$PALO_HOME/s3" --port "$PALO_S3_PORT" --buckets "$PALO_S3_BUCKETS" >>"$log" 2>&1 </dev/null 9>&- & ;;
    kafka)
      setsid java -Xmx512m -cp "$(launcher_classpath)" dev.palo.infra.local.KafkaBrokerMain \
        --dir "$PALO_HOME/kafka" --port "$PALO_KAFKA_PORT" --controller-port "$PALO_KAFKA_CONTROLLER_PORT" >>"$log" 2>&1 </dev/null 9>&- & ;;
    temporal)
      # Fairness (runs share the GPU lanes by their fairness key) is off by default on a self-hosted server; one
      # partition per task queue makes priority order exact here (with several, it holds per partition only).
      setsid "$VENV/bin/temporal" server start-dev --db-filename "$PALO_HOME/temporal/temporal.db" \
        --ip 127.0.0.1 --port "$PALO_TEMPORAL_PORT" --ui-port "$PALO_TEMPORAL_UI_PORT" --ui-disable-news-fetch \
        --dynamic-config-value matching.enableFairness=true \
        --dynamic-config-value matching.numTaskqueueReadPartitions=1 \
        --dynamic-config-value matching.numTaskqueueWritePartitions=1 \
        >>"$log" 2>&1 </dev/null 9>&- & ;;
    mlflow)
      # telemetry off: nothing may reach the internet; boto3 talks only to the local S3 store.
      # Server-side jobs (GenAI scorers) are unused here and cost seven extra Python processes;
      # one uvicorn worker (~250 MB each) serves one machine's clients.
      MLFLOW_DISABLE_TELEMETRY=true DO_NOT_TRACK=true MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false \
        MLFLOW_S3_ENDPOINT_URL="$PALO_S3_ENDPOINT" AWS_ACCESS_KEY_ID="$PALO_S3_ACCESS_KEY" \
        AWS_SECRET_ACCESS_KEY="$PALO_S3_SECRET_KEY" AWS_DEFAULT_REGION=us-east-1 \
        setsid "$VENV/bin/mlflow" server --backend-store-uri "sqlite:///$PALO_HOME/mlflow/mlflow.db" \
        --artifacts-destination s3://mlflow/ --serve-artifacts --host 127.0.0.1 --port "$PALO_MLFLOW_PORT" \
        --workers 1 >>"$log" 2>&1 </dev/null 9>&- & ;;
  esac
  echo "$!" >"$(pid_file "$part")"
}

# Explains a part that failed to start: its log tail and the usual fixes.
report_failure() {
  local part="$1" reason="$2" log
  log="$(log_file "$part")"
  echo "palo: $part $reason. Last lines of $log:" >&2
  tail -n 20 "$log" | sed 's/^/    /' >&2
  echo "palo: fix: if a port is taken, choose another with $(part_ports "$part" | sed 's/=[^ ]*//g; s/ / or /');" \
    "otherwise read the log above, then './palo down && ./palo up'." >&2
}

# Stops the given parts (all that palo started if none given), clients before the servers they use:
# TERM to the whole process group (MLflow runs as several processes), then KILL.
stack_down() {
  local part pid waited i
  for ((i = ${#STACK_PARTS[@]} - 1; i >= 0; i--)); do
    part="${STACK_PARTS[i]}"
    if [ $# -gt 0 ] && [[ " $* " != *" $part "* ]]; then continue; fi
    if ! pid="$(running_pid "$part")"; then echo "palo: $part was not started by palo"; continue; fi
    kill -TERM -- "-$pid" 2>/dev/null || true
    for ((waited = 0; waited < 30; waited++)); do
      kill -0 -- "-$pid" 2>/dev/null || break
      sleep 1
    done
    if kill -0 -- "-$pid" 2>/dev/null; then
      echo "palo: $part (pid $pid) ignored TERM for 30 s; killing it"
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$(pid_file "$part")"
    echo "palo: $part stopped (pid $pid)"
  done
}

# Starts every part that is not already healthy and waits for all of them.
# Sets STACK_STARTED to the parts this call started (./palo test stops only those).
stack_up() {
  local part free var port pending=() failed=0 deadline
  STACK_STARTED=()
  for part in "${STACK_PARTS[@]}"; do
    for var in $(part_ports "$part"); do
      port="${var#*=}"
      if ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
        echo "palo: ${var%%=*} must be a TCP port (1-65535), got '$port'" >&2
        return 1
      fi
    done
  done
  ensure_venv || return 1
  LAUNCHER_CP="$(module_classpath infra/local)" || return 1
  for part in "${STACK_PARTS[@]}"; do
    if part_healthy "$part"; then continue; fi
    if running_pid "$part" >/dev/null; then pending+=("$part"); continue; fi
    free=1
    for var in $(part_ports "$part"); do
      port="${var#*=}"
      if port_open "$port"; then
        echo "palo: $part cannot start: port $port is in use by another program; set ${var%%=*} to a free port" >&2
        free=0
      fi
    done
    if [ "$free" = 0 ]; then failed=1; continue; fi
    start_part "$part"
    STACK_STARTED+=("$part")
    pending+=("$part")
  done
  if [ "${#pending[@]}" = 0 ] && [ "$failed" = 0 ]; then
    echo "palo: the stack is already up; nothing to do"
  fi
  deadline=$((SECONDS + PALO_UP_TIMEOUT))
  for part in "${pending[@]}"; do
    until part_healthy "$part"; do
      if ! kill -0 "$(cat "$(pid_file "$part")")" 2>/dev/null; then
        rm -f "$(pid_file "$part")"; report_failure "$part" "exited while starting"; failed=1; continue 2
      fi
      if [ "$SECONDS" -ge "$deadline" ]; then
        report_failure "$part" "was not healthy after ${PALO_UP_TIMEOUT} s (PALO_UP_TIMEOUT)"; failed=1; continue 2
      fi
      sleep 1
    done
  done
  [ "$failed" = 0 ] || return 1
  for part in "${STACK_PARTS[@]}"; do printf '  %-9s %s\n' "$part" "$(part_urls "$part")"; done
}

# One line per part: up or down, how to reach it, and its PID when palo started it.
stack_status() {
  local part pid state rc=0
  for part in "${STACK_PARTS[@]}"; do
    pid="$(running_pid "$part")" || pid=""
    if part_healthy "$part"; then state=up; else state=down; rc=1; fi
    printf '  %-9s %-5s %s%s\n' "$part" "$state" "$(part_urls "$part")" "${pid:+ (pid $pid)}"
  done
  return "$rc"
}
