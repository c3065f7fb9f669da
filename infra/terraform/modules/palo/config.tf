# The one place the deployment sets the platform's environment. Every PALO_* variable the code reads
# is either set here or listed, with its reason, in infra/terraform/tests/local-only.tsv; the offline
# check (tests/check_terraform.py) fails on anything else, and on a PALO_* env set anywhere else.
locals {
  # TaskQueues.CPU / GPU / GPU_SHORT (workflows/): the pools poll these and KEDA scales on them
  task_queues = {
    cpu       = "palo-cpu"
    gpu       = "palo-gpu"
    gpu-short = "palo-gpu-short"
  }
  # GpuScheduling (workflows/): under "queues" short GPU work has a pool of its own, the others always run
  deployed_pools = var.gpu_scheduling == "queues" ? ["cpu", "gpu", "gpu-short"] : ["cpu", "gpu"]
  # quarkus.http.port's default in services/src/main/resources/application.properties
  api_port = 8080
  # quarkus-smallrye-health's probes
  health = {
    live  = "/q/health/live"
    ready = "/q/health/ready"
  }
  # Prometheus: the app's management interface (quarkus.management.port's default) and each worker's
  # MetricsEndpoint serve this path on this port, unauthenticated, never behind the Service or Ingress
  metrics = {
    port = 9000
    path = "/q/metrics"
  }
  images = {
    services   = "${var.image_registry}/palo-services:${var.image_tag}"
    worker     = "${var.image_registry}/palo-worker:${var.image_tag}"
    worker_gpu = "${var.image_registry}/palo-worker-gpu:${var.image_tag}"
  }
  # the API-key Secret's mount: ApiKeys reads the file <NAME> here
  secrets_dir = "/run/secrets/palo"
  # emptyDir volumes: a pod keeps nothing a retry on another pod needs (outputs live in the store)
  home_dir = "/var/lib/palo"
  work_dir = "/var/cache/palo-work"

  # Stopping a pod: SIGTERM, then SIGKILL after its grace period. A worker drains (stops polling, lets running
  # activities checkpoint and hand their task back: WorkerShutdown) for PALO_WORKER_DRAIN_SECONDS, which is the
  # grace period less shutdown_margin_seconds, the time an interrupted activity needs to report its failure and the
  # JVM to exit. tests/check_terraform.py holds every role to this rule.
  grace_seconds = {
    services  = 30 # its embedded worker is off (palo.worker.enabled=false): only HTTP requests to finish
    cpu       = var.worker_grace_period_seconds
    gpu       = var.worker_grace_period_seconds
    gpu-short = var.worker_grace_period_seconds
  }
  shutdown_margin_seconds = 15

  # Shared by the services app and the pools (ConfigMap palo-env).
  palo_env = {
    PALO_HOME                       = local.home_dir
    PALO_API_PORT                   = tostring(local.api_port)
    PALO_API_MAX_BODY               = var.api_max_body
    PALO_TEMPORAL_ADDRESS           = var.temporal_address
    PALO_TEMPORAL_NAMESPACE         = var.temporal_namespace
    PALO_TEMPORAL_UI                = var.temporal_ui_url
    PALO_S3_ENDPOINT                = var.s3_endpoint
    PALO_S3_REGION                  = var.s3_region
    PALO_S3_BUCKET                  = var.s3_bucket
    PALO_MLFLOW_URI                 = var.mlflow_uri
    PALO_MLFLOW_EXPERIMENT          = var.mlflow_experiment
    PALO_KAFKA_BOOTSTRAP            = var.kafka_bootstrap
    PALO_EVENTS_TOPIC               = var.events_topic
    PALO_TRIGGERS_TOPIC             = var.triggers_topic
    PALO_TRIGGERS_DLQ_TOPIC         = "${var.triggers_topic}.dlq"
    PALO_SECRETS_DIR                = local.secrets_dir
    PALO_SECRETS_BINDINGS           = join(";", [for name, origins in var.secret_bindings : "${name}=${join(",", origins)}"])
    PALO_LANGUAGES_EXTRA            = var.languages_extra
    PALO_AUTH_PUBLIC_KEY            = var.auth_public_key_location
    PALO_AUTH_ISSUER                = var.auth_issuer
    PALO_AUTH_GROUPS_PATH           = var.auth_groups_path
    PALO_AUTH_RUN_STARTS_PER_MINUTE = tostring(var.auth_run_starts_per_minute)
    PALO_METRICS_HOST               = "0.0.0.0"
    # the runs the app starts carry it; under "queues" short GPU work goes to palo-gpu-short
    PALO_GPU_SCHEDULING             = var.gpu_scheduling
    # one JSON object per line, with run_id, language and stage of the activity that logged it
    PALO_LOG_FORMAT = var.log_format
    PALO_METRICS_PORT               = tostring(local.metrics.port)
    # not PALO_*: what the code needs around it
    DJL_OFFLINE      = "true"
    OPT_OUT_TRACKING = "true"
    DJL_CACHE_DIR    = "${local.work_dir}/djl"
  }

  # Per role (ConfigMaps palo-env-<role>), on top of palo_env.
  role_env = {
    services = {
      # application.properties binds 127.0.0.1 for the local machine; a pod serves its Service
      QUARKUS_HTTP_HOST = "0.0.0.0"
      # palo.worker.enabled: the pools below run the work, the app only starts and watches runs
      PALO_WORKER_ENABLED       = "false"
      PALO_WORK_DIR             = local.work_dir
      PALO_WORKER_DRAIN_SECONDS = tostring(local.grace_seconds.services - local.shutdown_margin_seconds)
    }
    cpu = {
      PALO_WORKER_QUEUES        = local.task_queues.cpu
      PALO_WORK_DIR             = local.work_dir
      PALO_WORKER_DRAIN_SECONDS = tostring(local.grace_seconds.cpu - local.shutdown_margin_seconds)
      # a bound, so that the excess waits as backlog for KEDA to scale on (variables.tf, cpu_pool)
      PALO_CPU_SLOTS = tostring(var.cpu_pool.activity_slots)
      # PyTorch intra-op threads: the pod's cores (./palo sets 1 for a shared laptop)
      OMP_NUM_THREADS = tostring(var.cpu_pool.cpu)
    }
    gpu = {
      PALO_WORKER_QUEUES        = local.task_queues.gpu
      PALO_WORK_DIR             = local.work_dir
      PALO_WORKER_DRAIN_SECONDS = tostring(local.grace_seconds.gpu - local.shutdown_margin_seconds)
      # one training job per GPU: DJL allows one gradient collector per process
      PALO_GPU_SLOTS  = tostring(var.gpu_pool.gpus)
      OMP_NUM_THREADS = tostring(var.gpu_pool.cpu)
    }
    # the pool of short GPU work: deployed only with gpu_scheduling = "queues" (workloads.tf)
    gpu-short = {
      PALO_WORKER_QUEUES        = local.task_queues.gpu-short
      PALO_WORK_DIR             = local.work_dir
      PALO_WORKER_DRAIN_SECONDS = tostring(local.grace_seconds.gpu-short - local.shutdown_margin_seconds)
      PALO_GPU_SLOTS            = tostring(var.gpu_short_pool.gpus)
      OMP_NUM_THREADS           = tostring(var.gpu_short_pool.cpu)
    }
  }

  # Values from Kubernetes Secrets (secretKeyRef): only Secret names and keys here, never a value.
  secret_env = {
    PALO_S3_ACCESS_KEY = { secret = var.s3_secret_name, key = "rootUser" }
    PALO_S3_SECRET_KEY = { secret = var.s3_secret_name, key = "rootPassword" }
  }
}

resource "kubernetes_config_map_v1" "env" {
  metadata {
    name      = "palo-env"
    namespace = var.namespace
  }
  data = local.palo_env
}

resource "kubernetes_config_map_v1" "role_env" {
  for_each = local.role_env
  metadata {
    name      = "palo-env-${each.key}"
    namespace = var.namespace
  }
  data = each.value
}
