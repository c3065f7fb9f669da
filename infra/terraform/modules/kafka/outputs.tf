output "bootstrap_servers" {
  description = "plain listener inside the cluster (PALO_KAFKA_BOOTSTRAP)"
  value       = "${var.cluster_name}-kafka-bootstrap.${var.namespace}.svc.cluster.local:9092"
}
