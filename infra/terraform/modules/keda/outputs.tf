output "namespace" {
  value = helm_release.keda.namespace
}
