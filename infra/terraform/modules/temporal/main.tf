# Temporal from its own Helm chart, persistence on the operator's Postgres (no bundled database).
# Values follow the chart's values/values.postgresql.yaml layout (0.x line); the password comes from
# an existing Secret (key `password`), never from these values.
locals {
  # both stores on the same Postgres role
  sql = {
    driver          = "postgres12"
    host            = var.postgres.host
    port            = var.postgres.port
    user            = var.postgres.user
    existingSecret  = var.postgres.secret_name
    maxConnLifetime = "1h"
  }
}

resource "helm_release" "temporal" {
  name       = var.release_name
  repository = "https://go.temporal.io/helm-charts"
  chart      = "temporal"
  version    = var.chart_version
  namespace  = var.namespace
  timeout    = 900

  values = [yamlencode({
    server = {
      replicaCount = var.replicas
      # runs share the GPU pool by their fairness key (the run id); priority is on by default
      dynamicConfig = {
        "matching.enableFairness" = [{ value = true }]
      }
      config = {
        persistence = {
          default = {
            driver = "sql"
            sql    = merge(local.sql, { database = "temporal", maxConns = 20 })
          }
          visibility = {
            driver = "sql"
            sql    = merge(local.sql, { database = "temporal_visibility", maxConns = 10 })
          }
        }
      }
    }
    web = {
      enabled = true
      ingress = {
        enabled   = var.ui_host != null
        className = var.ingress_class_name
        hosts     = var.ui_host == null ? [] : [var.ui_host]
      }
    }
    cassandra     = { enabled = false }
    mysql         = { enabled = false }
    postgresql    = { enabled = false }
    elasticsearch = { enabled = false }
    prometheus    = { enabled = false }
    grafana       = { enabled = false }
    schema = {
      createDatabase = { enabled = true }
      setup          = { enabled = true }
      update         = { enabled = true }
    }
  })]
}
