output "api_url" {
  description = "the services app's API and dashboard"
  value       = module.palo.api_url
}

output "temporal_address" {
  value = module.temporal.frontend_address
}

output "s3_endpoint" {
  value = module.minio.endpoint
}

output "mlflow_uri" {
  value = module.mlflow.tracking_uri
}

output "kafka_bootstrap" {
  value = module.kafka.bootstrap_servers
}

output "worker_pools" {
  description = "each pool's Deployment, task queue and replica bounds"
  value       = module.palo.worker_pools
}
