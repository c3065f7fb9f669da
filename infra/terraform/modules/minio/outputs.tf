output "endpoint" {
  description = "in-cluster S3 endpoint (PALO_S3_ENDPOINT, MLflow's MLFLOW_S3_ENDPOINT_URL)"
  value       = "http://${helm_release.minio.name}.${var.namespace}.svc.cluster.local:9000"
}
