output "api_url" {
  value = "${var.ingress_tls_secret_name == null ? "http" : "https"}://${var.ingress_host}"
}

output "worker_pools" {
  value = {
    for pool, p in local.pools : pool => {
      deployment   = kubernetes_deployment_v1.palo[pool].metadata[0].name
      task_queue   = p.queue
      min_replicas = p.settings.min_replicas
      max_replicas = p.settings.max_replicas
    }
  }
}
