# The MLflow tracking server on Postgres, its artifacts proxied (--serve-artifacts) to the S3
# bucket: the same server flags as the embedded stack (infra/local/stack.sh), with Postgres for SQLite.
# MLflow has no chart of its own project; a Deployment runs the project's image.
locals {
  name = "mlflow"
  # MLflow 3 refuses Host headers other than localhost and private IPs unless listed (DNS rebinding guard)
  service_hosts = [for h in [local.name, "${local.name}.${var.namespace}", "${local.name}.${var.namespace}.svc",
  "${local.name}.${var.namespace}.svc.cluster.local"] : "${h},${h}:5000"]
  allowed_hosts = join(",", concat(local.service_hosts, var.ui_host == null ? [] : [var.ui_host]))
}

resource "kubernetes_deployment_v1" "mlflow" {
  metadata {
    name      = local.name
    namespace = var.namespace
    labels    = { "app.kubernetes.io/name" = local.name }
  }
  spec {
    replicas = var.replicas
    selector {
      match_labels = { "app.kubernetes.io/name" = local.name }
    }
    template {
      metadata {
        labels = { "app.kubernetes.io/name" = local.name }
      }
      spec {
        container {
          name  = "mlflow"
          image = var.image
          # $(PG_USER) / $(PG_PASSWORD) are expanded by Kubernetes from the env below, not by Terraform
          args = ["mlflow", "server", "--host", "0.0.0.0", "--port", "5000", "--workers", tostring(var.workers),
            "--backend-store-uri", "postgresql://$(PG_USER):$(PG_PASSWORD)@${var.postgres.host}:${var.postgres.port}/mlflow",
            "--artifacts-destination", "s3://${var.artifacts_bucket}/", "--serve-artifacts",
          "--allowed-hosts", local.allowed_hosts]
          port {
            container_port = 5000
          }
          env {
            name  = "MLFLOW_S3_ENDPOINT_URL"
            value = var.s3_endpoint
          }
          env {
            name  = "MLFLOW_DISABLE_TELEMETRY"
            value = "true"
          }
          env {
            name  = "PG_USER"
            value = var.postgres.user
          }
          env {
            name = "PG_PASSWORD"
            value_from {
              secret_key_ref {
                name = var.postgres.secret_name
                key  = "password"
              }
            }
          }
          env {
            name = "AWS_ACCESS_KEY_ID"
            value_from {
              secret_key_ref {
                name = var.s3_secret_name
                key  = "rootUser"
              }
            }
          }
          env {
            name = "AWS_SECRET_ACCESS_KEY"
            value_from {
              secret_key_ref {
                name = var.s3_secret_name
                key  = "rootPassword"
              }
            }
          }
          readiness_probe {
            http_get {
              path = "/health"
              port = 5000
            }
          }
          liveness_probe {
            http_get {
              path = "/health"
              port = 5000
            }
            initial_delay_seconds = 30
          }
          resources {
            requests = { cpu = "250m", memory = "1Gi" }
            limits   = { memory = "2Gi" }
          }
        }
      }
    }
  }
}

resource "kubernetes_service_v1" "mlflow" {
  metadata {
    name      = local.name
    namespace = var.namespace
  }
  spec {
    selector = { "app.kubernetes.io/name" = local.name }
    port {
      port        = 5000
      target_port = 5000
    }
  }
}
