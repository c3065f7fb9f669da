output "tracking_uri" {
  description = "in-cluster tracking URI (PALO_MLFLOW_URI)"
  value       = "http://${kubernetes_service_v1.mlflow.metadata[0].name}.${var.namespace}.svc.cluster.local:5000"
}
