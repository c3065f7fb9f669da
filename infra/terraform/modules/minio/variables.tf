variable "namespace" {
  type = string
}

variable "release_name" {
  description = "Helm release name; the S3 Service is <release_name>:9000"
  type        = string
  default     = "minio"
}

variable "chart_version" {
  type    = string
  default = "5.4.0"
}

variable "mode" {
  description = "standalone (one pod) or distributed (erasure-coded, var.replicas pods)"
  type        = string
  default     = "standalone"
}

variable "replicas" {
  type    = number
  default = 4
}

variable "s3_secret_name" {
  description = "existing Secret with keys rootUser and rootPassword"
  type        = string
}

variable "storage_size" {
  type = string
}

variable "memory" {
  type    = string
  default = "2Gi"
}

variable "buckets" {
  type = list(string)
}
