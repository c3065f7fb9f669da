variable "namespace" {
  type = string
}

variable "image" {
  description = "an MLflow 3 image that also holds psycopg2 and boto3 (the Postgres and S3 clients); README: MLflow image"
  type        = string
  default     = "ghcr.io/mlflow/mlflow:v3.17.2"
}

variable "replicas" {
  type    = number
  default = 1
}

variable "workers" {
  description = "uvicorn workers per pod (~250 MB each)"
  type        = number
  default     = 2
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

variable "s3_endpoint" {
  type = string
}

variable "s3_secret_name" {
  description = "existing Secret with keys rootUser and rootPassword"
  type        = string
}

variable "artifacts_bucket" {
  type = string
}

variable "ui_host" {
  description = "public host name users open the MLflow UI at, if any (added to --allowed-hosts)"
  type        = string
  default     = null
}
