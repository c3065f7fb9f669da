variable "kubeconfig_path" {
  description = "kubeconfig of the existing cluster"
  type        = string
  default     = "~/.kube/config"
}

variable "kubeconfig_context" {
  description = "kubeconfig context; null: the file's current context"
  type        = string
  default     = null
}

variable "namespace" {
  description = "namespace of the PALO app, its workers and its data services"
  type        = string
  default     = "palo"
}

variable "create_namespace" {
  description = "create the namespace (false: it exists already)"
  type        = bool
  default     = true
}

# --- Postgres: brought by the operator (managed Postgres or an operator such as CloudNativePG) ---

variable "postgres_host" {
  description = "Postgres host for Temporal (databases temporal, temporal_visibility) and MLflow (database mlflow)"
  type        = string
}

variable "postgres_port" {
  type    = number
  default = 5432
}

variable "postgres_user" {
  description = "Postgres role of Temporal and MLflow (owner of databases temporal, temporal_visibility, mlflow)"
  type        = string
  default     = "palo"
}

variable "postgres_secret_name" {
  description = "Kubernetes Secret in var.namespace holding the Postgres role's password under key `password`"
  type        = string
  default     = "palo-postgres"
}

# --- Secrets the operator creates before apply (README: Secrets); only their names appear here ---

variable "s3_secret_name" {
  description = "Kubernetes Secret with keys `rootUser` and `rootPassword` (the MinIO chart's existingSecret layout): MinIO's root user, also PALO's and MLflow's S3 credentials"
  type        = string
  default     = "palo-s3"
}

variable "api_keys_secret_name" {
  description = "Kubernetes Secret whose keys are secret names (e.g. `openai`) and values the API keys; mounted at PALO_SECRETS_DIR"
  type        = string
  default     = "palo-api-keys"
}

variable "secret_bindings" {
  description = "secret name -> endpoint origins it may be sent to (PALO_SECRETS_BINDINGS); not secret themselves"
  type        = map(list(string))
  default     = {}
}

# --- Images (README: Images) ---

variable "image_registry" {
  description = "registry and path prefix of the PALO images, e.g. ghcr.io/acme"
  type        = string
}

variable "image_tag" {
  description = "tag of the PALO images (the build labels each with its git commit)"
  type        = string
}

# --- Ingress ---

variable "ingress_host" {
  description = "host name of the API and dashboard"
  type        = string
}

variable "temporal_ui_host" {
  description = "host name of the Temporal Web UI's Ingress (the dashboard links there); null: no Ingress"
  type        = string
  default     = null
}

variable "ingress_class_name" {
  type    = string
  default = "nginx"
}

variable "ingress_tls_secret_name" {
  description = "TLS certificate Secret for ingress_host; null: plain HTTP (only behind another TLS terminator)"
  type        = string
  default     = null
}

# --- Authentication (OIDC) ---

variable "auth_public_key_location" {
  description = "JWKS URL of the OIDC provider (PALO_AUTH_PUBLIC_KEY)"
  type        = string
}

variable "auth_issuer" {
  description = "issuer of the tokens (PALO_AUTH_ISSUER)"
  type        = string
}

variable "auth_groups_path" {
  description = "claim path of the roles in the token (PALO_AUTH_GROUPS_PATH)"
  type        = string
  default     = "groups"
}

# --- Worker pools ---

variable "cpu_pool" {
  description = "palo-cpu worker pool: replicas bounds, backlog per replica, activities per pod (PALO_CPU_SLOTS), resources"
  type = object({
    min_replicas      = number
    max_replicas      = number
    target_queue_size = number
    # palo-cpu activities one pod runs at once: a bound makes the excess wait on the queue, the backlog KEDA
    # scales on (Temporal's default of 200 per worker would leave it empty). Translate is I/O-bound on its
    # endpoint, so a 2-core pod keeps several busy (docs/performance.md: worker pools)
    activity_slots = number
    cpu            = number
    memory         = string
  })
  default = {
    min_replicas      = 1
    max_replicas      = 8
    target_queue_size = 20
    activity_slots    = 8
    cpu               = 2
    memory            = "4Gi"
  }
}

variable "gpu_pool" {
  description = "palo-gpu worker pool: replicas bounds (min 0: scale to zero), GPUs per pod, resources"
  type = object({
    min_replicas      = number
    max_replicas      = number
    target_queue_size = number
    gpus              = number
    cpu               = number
    memory            = string
  })
  default = {
    min_replicas      = 0
    max_replicas      = 4
    target_queue_size = 1
    gpus              = 1
    cpu               = 8
    memory            = "48Gi"
  }
}

variable "gpu_scheduling" {
  description = "PALO_GPU_SCHEDULING: \"priority\" (one palo-gpu pool; short work before training by Temporal task-queue priority, needs Temporal >= 1.28) or \"queues\" (short GPU work on palo-gpu-short with a pool of its own, gpu_short_pool)"
  type        = string
  default     = "priority"
  validation {
    condition     = contains(["priority", "queues"], var.gpu_scheduling)
    error_message = "gpu_scheduling must be \"priority\" or \"queues\"."
  }
}

variable "gpu_short_pool" {
  description = "palo-gpu-short worker pool (only with gpu_scheduling = \"queues\"): translate, translator tune and bench answers, on GPUs of the same node pool; min 0 scales to zero"
  type = object({
    min_replicas      = number
    max_replicas      = number
    target_queue_size = number
    gpus              = number
    cpu               = number
    memory            = string
  })
  default = {
    min_replicas      = 0
    max_replicas      = 2
    target_queue_size = 2
    gpus              = 1
    cpu               = 4
    memory            = "24Gi"
  }
}

variable "gpu_node_selector" {
  description = "node labels of the GPU node pool"
  type        = map(string)
  default     = { "nvidia.com/gpu.present" = "true" }
}

variable "gpu_tolerations" {
  description = "tolerations for the GPU node pool's taints"
  type = list(object({
    key      = string
    operator = string
    value    = optional(string)
    effect   = string
  }))
  default = [{ key = "nvidia.com/gpu", operator = "Exists", value = null, effect = "NoSchedule" }]
}

variable "worker_grace_period_seconds" {
  description = "SIGTERM to SIGKILL for a worker pod; the workers drain for this less 15 s (README: Worker shutdown)"
  type        = number
  default     = 120
}

variable "pod_monitor" {
  description = "also create a PodMonitor (needs the Prometheus Operator's CRDs); pods carry prometheus.io annotations either way"
  type        = bool
  default     = false
}

# --- Data services ---

variable "minio_storage_size" {
  type    = string
  default = "200Gi"
}

variable "kafka_storage_size" {
  type    = string
  default = "20Gi"
}
