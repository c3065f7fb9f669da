variable "namespace" {
  type = string
}

variable "cluster_name" {
  description = "Strimzi Kafka cluster; its bootstrap Service is <cluster_name>-kafka-bootstrap"
  type        = string
  default     = "palo"
}

variable "strimzi_chart_version" {
  type    = string
  default = "0.49.0"
}

variable "kafka_version" {
  description = "a Kafka version the Strimzi release supports (the platform's clients are 4.4.0)"
  type        = string
  default     = "4.1.0"
}

variable "replicas" {
  description = "KRaft nodes (controller and broker in one); 3 for a quorum that survives a node loss"
  type        = number
  default     = 3
}

variable "storage_size" {
  type = string
}
