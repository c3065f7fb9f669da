# The services app's client for `./palo run` (curl only; the app renders the progress view).
# Sourced by ./palo, which provides ROOT, PALO_HOME, lock_stack, stack_up and cmd_data.
API="http://127.0.0.1:${PALO_API_PORT:-8080}"

run_usage() {
  cat <<USAGE
usage: ./palo run [--languages ar,hi] [--data mini|mini:SIZE|FILE.json|s3://URI]
                  --translate-url URL --model NAME [--api-key-secret NAME]
                  [--concurrency N] [--requests-per-minute N] [--tokens-per-minute N] [--chunk-size N]
  Starts the services app on $API if it is not running (and the stack if needed), starts a
  pipeline run, then redraws its progress per language and stage until it ends.
  --languages        target language codes, comma-separated (default: the language registry's default set,
                     the paper's nine targets; other registered languages, such as de, are named here)
  --data             English LLaVA data: PALO-mini of a size (tiny, demo, full; default mini = tiny),
                     a local LLaVA JSON file (uploaded), or an object already in the store
  --translate-url    OpenAI-compatible endpoint (default \$PALO_TRANSLATE_URL)
  --model            model name at that endpoint (default \$PALO_TRANSLATE_MODEL)
  --api-key-secret   NAME of a secret on the operator's allow-list, never the key: its value is the
                     worker's variable PALO_SECRET_<NAME> or the file <NAME> in PALO_SECRETS_DIR, and
                     PALO_SECRETS_BINDINGS (or the file PALO_SECRETS_BINDINGS_FILE) must bind NAME to
                     the origin of --translate-url, e.g. PALO_SECRETS_BINDINGS='openai=https://api.openai.com';
                     anything else is refused before the run starts (default \$PALO_TRANSLATE_KEY_NAME;
                     none for endpoints without authentication)
  --concurrency      requests in flight at once (default 4); to use an endpoint fully, set it about 25% above
                     the number of requests the endpoint serves at once (its slots), so none idles between answers
  --requests-per-minute, --tokens-per-minute
                     the endpoint's rate limits, which the run stays under (default 600 and 200000)
  --chunk-size       records per committed chunk (default 16): a crash redoes at most two chunks
USAGE
}

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

# curl against the API with the CLI's token.
api_curl() {
  curl -H "Authorization: Bearer $(cli_token)" "$@"
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
  PALO_GPU_SLOTS="${PALO_GPU_SLOTS:-1}" setsid nohup java -jar "$jar" >"$PALO_HOME/log/services.log" 2>&1 &
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
  local count="${PALO_GPU_WORKERS:-$(( $(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc) - 1 ))}" cp i pid_file
  [ "$count" -gt 0 ] || return 0
  cp="$(module_classpath activities)" || return 1
  for i in $(seq "$count"); do
    pid_file="$PALO_HOME/run/gpu-worker-$i.pid"
    if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then continue; fi
    echo "palo: starting GPU worker $i (log: $PALO_HOME/log/gpu-worker-$i.log)" >&2
    PALO_WORKER_QUEUES=palo-gpu PALO_GPU_SLOTS="${PALO_GPU_SLOTS:-1}" \
      setsid nohup java -cp "$cp" dev.palo.activities.worker.WorkerMain >"$PALO_HOME/log/gpu-worker-$i.log" 2>&1 &
    echo $! >"$pid_file"
  done
}

# Prints the store URI of the run's English data, generating or uploading it first when needed.
run_source() {
  local data="$1" file size response
  case "$data" in
    s3://*) echo "$data"; return 0 ;;
    mini|mini:*)
      size="${data#mini}"; size="${size#:}"; size="${size:-tiny}"
      file="$PALO_HOME/data/mini-$size/instruct/english.json"
      if [ ! -f "$file" ]; then
        rm -rf "$PALO_HOME/data/mini-$size"
        (cmd_data mini --size "$size" --out "$PALO_HOME/data/mini-$size") >&2 || return 1
      fi ;;
    *) file="$data" ;;
  esac
  if [ ! -f "$file" ]; then echo "palo: --data $data: no such file" >&2; return 1; fi
  response="$(api_curl -s -w '\n%{http_code}' -H 'Content-Type: application/json' --data-binary "@$file" \
    "$API/api/datasets?name=$(basename "$file")")"
  if [ "$(tail -n1 <<<"$response")" != 200 ]; then
    echo "palo: upload of $file refused: $(sed '$d' <<<"$response")" >&2; return 1
  fi
  sed '$d' <<<"$response" | grep -o '"uri":"[^"]*"' | head -1 | cut -d'"' -f4
}

# Redraws the run's progress view until the run ends; succeeds only when it completed.
watch_run() {
  local id="$1" text previous="" lines=0 status
  while true; do
    text="$(api_curl -sf -H 'Accept: text/plain' "$API/api/runs/$id")" \
      || { echo "palo: the services app at $API stopped answering" >&2; return 1; }
    if [ "$text" != "$previous" ]; then
      if [ -t 1 ] && [ "$lines" -gt 0 ]; then printf '\033[%dA\033[J' "$lines"; fi
      printf '%s\n' "$text"
      lines="$(printf '%s\n' "$text" | wc -l)"
      previous="$text"
    fi
    status="$(head -n1 <<<"$text" | awk '{print $3}')"
    [ "$status" = RUNNING ] || break
    # each redraw reads every language's history from Temporal: at 2 s that cost ~10 CPU-s a minute
    sleep 5
  done
  [ "$status" = COMPLETED ]
}

# '"languages":["a","b"],' for a comma-separated list; nothing for an empty one.
json_languages() {
  if [ -n "$1" ]; then printf '"languages":["%s"],' "${1//,/\",\"}"; fi
}

cmd_run() {
  local languages="" data="mini" url="${PALO_TRANSLATE_URL:-}" model="${PALO_TRANSLATE_MODEL:-}"
  local secret="${PALO_TRANSLATE_KEY_NAME:-}" source body response id
  local concurrency=4 rpm=600 tpm=200000 chunk=16 number
  while [ $# -gt 0 ]; do
    case "$1" in
      --*) if [ "$1" != --help ] && [ $# -lt 2 ]; then echo "palo run: $1 needs a value" >&2; return 2; fi ;;
    esac
    case "$1" in
      --languages) languages="$2"; shift 2 ;;
      --data) data="$2"; shift 2 ;;
      --translate-url) url="$2"; shift 2 ;;
      --model) model="$2"; shift 2 ;;
      --api-key-secret) secret="$2"; shift 2 ;;
      --concurrency) concurrency="$2"; shift 2 ;;
      --requests-per-minute) rpm="$2"; shift 2 ;;
      --tokens-per-minute) tpm="$2"; shift 2 ;;
      --chunk-size) chunk="$2"; shift 2 ;;
      -h|--help) run_usage; return 0 ;;
      *) echo "palo run: unknown option '$1'" >&2; run_usage >&2; return 2 ;;
    esac
  done
  for number in "$concurrency" "$rpm" "$tpm" "$chunk"; do
    # the API judges the values; this only keeps the request body well-formed JSON
    case "$number" in ''|*[!0-9]*) echo "palo run: '$number' is not a whole number" >&2; return 2 ;; esac
  done
  if [ -z "$url" ] || [ -z "$model" ]; then
    echo "palo run: name the translation endpoint: --translate-url URL --model NAME (any OpenAI-compatible server)" >&2
    return 2
  fi
  services_up || return 1
  source="$(run_source "$data")" || return 1
  # no languages: the API takes the registry's default set
  body="$(printf '{"trigger":"CLI","source":"%s",%s"translate":{"baseUrl":"%s","model":"%s","apiKeySecret":%s,"chunkSize":%s,"concurrency":%s,"requestsPerMinute":%s,"tokensPerMinute":%s,"maxAttempts":5}}' \
    "$source" "$(json_languages "$languages")" "$url" "$model" "$([ -n "$secret" ] && echo "\"$secret\"" || echo null)" \
    "$chunk" "$concurrency" "$rpm" "$tpm")"
  response="$(api_curl -s -w '\n%{http_code}' -H 'Content-Type: application/json' -d "$body" "$API/api/runs")"
  if [ "$(tail -n1 <<<"$response")" != 201 ]; then
    echo "palo run: refused: $(sed '$d' <<<"$response")" >&2; return 1
  fi
  id="$(sed '$d' <<<"$response" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)"
  watch_run "$id"
}

demo_usage() {
  cat <<USAGE
usage: ./palo demo [--size tiny|demo] [--languages zh,fr,...]
  The whole PALO recipe offline on PALO-mini: brings the stack and the services app up, then runs the language
  registry's default set (the paper's ten: English + nine translated) through every stage with the platform's
  own models: local translator, simulated review (labelled SIMULATED everywhere), translator fine-tune,
  re-translate, dataset-build, base models, projector pretraining, LoRA fine-tuning of the baseline and PALO
  arms, and evaluation on the multilingual bench. Prints the paper's Table 1 for the run. The request it sends
  is services/demo-run.json.
  --size        PALO-mini size (default demo; tiny finishes in a few minutes)
  --languages   target languages (default: the registry's default set, all nine; other registered languages,
                such as de, are named here: --languages de,ar)
USAGE
}

cmd_demo() {
  local size=demo languages="" body response id started
  while [ $# -gt 0 ]; do
    case "$1" in
      --size) size="${2:?--size needs a value}"; shift 2 ;;
      --languages) languages="${2:?--languages needs a value}"; shift 2 ;;
      -h|--help) demo_usage; return 0 ;;
      *) echo "palo demo: unknown option '$1'" >&2; demo_usage >&2; return 2 ;;
    esac
  done
  started=$SECONDS
  services_up || return 1
  # no languages: the line goes and the API takes the registry's default set
  body="$(sed -e "s/@SIZE@/$size/" -e "s/\"languages\": \[@LANGUAGES@\],/$(json_languages "$languages")/" \
    "$ROOT/services/demo-run.json")"
  echo "palo demo: starting the run (PALO-mini $size, languages ${languages:-"of the registry's default set"});" \
    "first use generates the data"
  response="$(api_curl -s -w '\n%{http_code}' -H 'Content-Type: application/json' -d "$body" "$API/api/runs")"
  if [ "$(tail -n1 <<<"$response")" != 201 ]; then
    echo "palo demo: refused: $(sed '$d' <<<"$response")" >&2; return 1
  fi
  id="$(sed '$d' <<<"$response" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)"
  echo "palo demo: dashboard: $API/runs/$id (all runs: $API/; log in with a token from" \
    "./palo token --user NAME --role viewer|operator|admin)"
  watch_run "$id" || { echo "palo demo: run $id did not complete; see $API/api/runs/$id" >&2; return 1; }
  echo
  api_curl -sf -H 'Accept: text/markdown' "$API/api/runs/$id/report" || { echo "palo demo: no report for $id" >&2; return 1; }
  echo
  echo "palo demo: finished in $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s"
}

# Stops the services app and GPU workers that services_up started, by their PIDs (./palo down calls it).
services_down() {
  local pid_file
  for pid_file in "$PALO_HOME"/run/gpu-worker-*.pid; do
    [ -f "$pid_file" ] && stop_pid_file "$pid_file" WorkerMain "a GPU worker"
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
