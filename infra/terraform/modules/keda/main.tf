# KEDA from its own chart; its Temporal scaler (KEDA >= 2.17) scales the PALO worker pools.
resource "helm_release" "keda" {
  name             = "keda"
  repository       = "https://kedacore.github.io/charts"
  chart            = "keda"
  version          = var.chart_version
  namespace        = var.namespace
  create_namespace = true
  wait             = true
}
