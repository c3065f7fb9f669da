# PALO on an existing Kubernetes cluster: the data services from their projects' own charts and
# operators, then the services app and the two worker pools, scaled by KEDA on their task queues.

resource "kubernetes_namespace_v1" "palo" {
  count = var.create_namespace ? 1 : 0
  metadata {
    name = var.namespace
  }
}

locals {
  namespace = var.create_namespace ? kubernetes_namespace_v1.palo[0].metadata[0].name : var.namespace
  postgres = {
    host        = var.postgres_host
    port        = var.postgres_port
    user        = var.postgres_user
    secret_name = var.postgres_secret_name
  }
}

module "keda" {
  source = "./modules/keda"
}

module "temporal" {
  source               = "./modules/temporal"
  namespace            = local.namespace
  postgres             = local.postgres
  ui_host              = var.temporal_ui_host
  ingress_class_name   = var.ingress_class_name
}

module "minio" {
  source          = "./modules/minio"
  namespace       = local.namespace
  s3_secret_name  = var.s3_secret_name
  storage_size    = var.minio_storage_size
  buckets         = ["palo", "mlflow"]
}

module "mlflow" {
  source               = "./modules/mlflow"
  namespace            = local.namespace
  postgres             = local.postgres
  s3_endpoint          = module.minio.endpoint
  s3_secret_name       = var.s3_secret_name
  artifacts_bucket     = "mlflow"
}

module "kafka" {
  source       = "./modules/kafka"
  namespace    = local.namespace
  storage_size = var.kafka_storage_size
}

module "palo" {
  source = "./modules/palo"
  # KEDA's ScaledObject type must exist before the pools' scalers are planned
  depends_on = [module.keda]

  namespace                = local.namespace
  image_registry           = var.image_registry
  image_tag                = var.image_tag
  temporal_address         = module.temporal.frontend_address
  temporal_namespace       = module.temporal.namespace
  temporal_ui_url          = module.temporal.ui_url
  s3_endpoint              = module.minio.endpoint
  s3_bucket                = "palo"
  s3_secret_name           = var.s3_secret_name
  mlflow_uri               = module.mlflow.tracking_uri
  kafka_bootstrap          = module.kafka.bootstrap_servers
  api_keys_secret_name     = var.api_keys_secret_name
  secret_bindings          = var.secret_bindings
  auth_public_key_location = var.auth_public_key_location
  auth_issuer              = var.auth_issuer
  auth_groups_path         = var.auth_groups_path
  ingress_host             = var.ingress_host
  ingress_class_name       = var.ingress_class_name
  ingress_tls_secret_name  = var.ingress_tls_secret_name
  cpu_pool                 = var.cpu_pool
  gpu_pool                 = var.gpu_pool
  gpu_scheduling           = var.gpu_scheduling
  gpu_short_pool           = var.gpu_short_pool
  gpu_node_selector        = var.gpu_node_selector
  gpu_tolerations          = var.gpu_tolerations
  worker_grace_period_seconds = var.worker_grace_period_seconds
  pod_monitor                 = var.pod_monitor
}
