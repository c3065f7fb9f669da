variable "namespace" {
  type = string
}

variable "image_registry" {
  type = string
}

variable "image_tag" {
  type = string
}

variable "temporal_address" {
  description = "host:port of the Temporal frontend"
  type        = string
}

variable "temporal_namespace" {
  type = string
}

variable "temporal_ui_url" {
  description = "where the dashboard's Temporal links point"
  type        = string
}

variable "s3_endpoint" {
  type = string
}

variable "s3_region" {
  type    = string
  default = "us-east-1"
}

variable "s3_bucket" {
  type = string
}

variable "s3_secret_name" {
  description = "Secret with keys rootUser and rootPassword (PALO_S3_ACCESS_KEY, PALO_S3_SECRET_KEY)"
  type        = string
}

variable "mlflow_uri" {
  type = string
}

variable "mlflow_experiment" {
  type    = string
  default = "palo"
}

variable "kafka_bootstrap" {
  type = string
}

variable "events_topic" {
  description = "pipeline events out (PALO_EVENTS_TOPIC); the code's default name"
  type        = string
  default     = "palo.events"
}

variable "triggers_topic" {
  description = "trigger events in (PALO_TRIGGERS_TOPIC); its dead-letter topic is <name>.dlq"
  type        = string
  default     = "palo.triggers"
}

variable "api_keys_secret_name" {
  description = "Secret mounted at PALO_SECRETS_DIR in the worker pods: one key per secret name"
  type        = string
}

variable "secret_bindings" {
  description = "secret name -> endpoint origins (PALO_SECRETS_BINDINGS)"
  type        = map(list(string))
}

variable "languages_extra" {
  description = "PALO_LANGUAGES_EXTRA: folders of extra languages inside the images; empty: none"
  type        = string
  default     = ""
}

variable "api_max_body" {
  description = "largest request body (dataset uploads), PALO_API_MAX_BODY"
  type        = string
  default     = "32M"
}

variable "auth_public_key_location" {
  type = string
}

variable "auth_issuer" {
  type = string
}

variable "auth_groups_path" {
  type = string
}

variable "auth_run_starts_per_minute" {
  type    = number
  default = 30
}

variable "ingress_host" {
  type = string
}

variable "ingress_class_name" {
  type = string
}

variable "ingress_tls_secret_name" {
  type    = string
  default = null
}

variable "services_replicas" {
  type    = number
  default = 1
}

variable "services_resources" {
  type = object({
    cpu    = string
    memory = string
  })
  default = {
    cpu    = "1"
    memory = "2Gi"
  }
}

# typed and documented at the root (infra/terraform/variables.tf)
variable "cpu_pool" {
  type = any
}

variable "gpu_pool" {
  type = any
}

variable "gpu_scheduling" {
  type = string
}

variable "gpu_short_pool" {
  type = any
}

variable "cpu_node_selector" {
  type    = map(string)
  default = {}
}

variable "gpu_node_selector" {
  type = map(string)
}

variable "gpu_tolerations" {
  type = any
}

variable "scale_down_after_seconds" {
  description = "per pool: how long without backlog before KEDA removes pods (and scales to the minimum)"
  type        = map(number)
  default     = { cpu = 300, gpu = 1800, gpu-short = 300 }
}

variable "worker_grace_period_seconds" {
  description = "SIGTERM to SIGKILL for a worker pod: time to stop polling and checkpoint in-flight work"
  type        = number
  default     = 120
  validation {
    condition     = var.worker_grace_period_seconds >= 30
    error_message = "worker_grace_period_seconds must be at least 30: 15 s of it are the exit margin, the rest the drain."
  }
}

variable "run_as_user" {
  description = "non-root UID the images run as"
  type        = number
  default     = 1000
}

variable "work_dir_size" {
  description = "emptyDir limit of PALO_WORK_DIR (a cache: model bundles, stored directories, DJL natives)"
  type        = string
  default     = "50Gi"
}

variable "pod_monitor" {
  description = "create a PodMonitor (Prometheus Operator) for every PALO pod's /q/metrics; pods are annotated either way"
  type        = bool
  default     = false
}

variable "log_format" {
  description = "PALO_LOG_FORMAT of every PALO pod: json (one object per line, for the cluster's log collector) or text"
  type        = string
  default     = "json"
  validation {
    condition     = contains(["json", "text"], var.log_format)
    error_message = "log_format must be json or text."
  }
}
