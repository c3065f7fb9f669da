# MinIO from its own chart (charts.min.io). Root credentials come from an existing Secret
# (keys rootUser, rootPassword); the chart's post-install job creates the buckets.
resource "helm_release" "minio" {
  name       = var.release_name
  repository = "https://charts.min.io/"
  chart      = "minio"
  version    = var.chart_version
  namespace  = var.namespace

  values = [yamlencode({
    mode           = var.mode
    replicas       = var.mode == "distributed" ? var.replicas : 1
    existingSecret = var.s3_secret_name
    persistence = {
      enabled = true
      size    = var.storage_size
    }
    # the chart's default request is 16Gi of memory per pod
    resources = {
      requests = { memory = var.memory }
    }
    buckets = [for b in var.buckets : { name = b, policy = "none", purge = false }]
  })]
}
