variable "namespace" {
  type    = string
  default = "keda"
}

variable "chart_version" {
  description = "KEDA chart; the Temporal scaler needs KEDA 2.17 or newer"
  type        = string
  default     = "2.17.2"
}
