variable "namespace" {
  type = string
}

variable "release_name" {
  description = "Helm release name; the frontend Service is <release_name>-frontend"
  type        = string
  default     = "temporal"
}

variable "chart_version" {
  description = "temporalio/helm-charts chart version (0.x values layout)"
  type        = string
  default     = "0.44.0"
}

variable "replicas" {
  description = "replicas of each Temporal service (frontend, history, matching, worker)"
  type        = number
  default     = 1
}

variable "postgres" {
  description = "the operator's Postgres: host, port, role, and the existing Secret holding the role's password under key `password`"
  type = object({
    host        = string
    port        = number
    user        = string
    secret_name = string
  })
}

variable "temporal_namespace" {
  description = "Temporal namespace PALO's runs go to (the chart creates `default`)"
  type        = string
  default     = "default"
}

variable "ui_host" {
  description = "host name of the Temporal Web UI's Ingress; null: no Ingress"
  type        = string
  default     = null
}

variable "ingress_class_name" {
  type    = string
  default = "nginx"
}
