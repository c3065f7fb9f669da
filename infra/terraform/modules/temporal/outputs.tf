output "frontend_address" {
  description = "gRPC host:port of the Temporal frontend (PALO_TEMPORAL_ADDRESS, KEDA's scaler endpoint)"
  value       = "${helm_release.temporal.name}-frontend.${var.namespace}.svc.cluster.local:7233"
}

output "namespace" {
  value = var.temporal_namespace
}

output "ui_url" {
  description = "the Temporal Web UI as users reach it: its Ingress, else the in-cluster Service (port-forward)"
  value       = var.ui_host == null ? "http://${helm_release.temporal.name}-web.${var.namespace}.svc.cluster.local:8080" : "https://${var.ui_host}"
}
