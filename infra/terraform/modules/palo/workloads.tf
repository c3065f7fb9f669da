# The services app and the worker pools (two, or three with gpu_scheduling = "queues"): one Deployment each, from
# one pod template, so the environment, secrets, volumes and security settings cannot drift between them.
locals {
  workloads = {
    services = {
      image         = local.images.services
      replicas      = var.services_replicas
      serves_api    = true
      api_keys      = false # the app checks bindings only; the keys go to the workers that call the endpoints
      gpus          = 0
      cpu           = var.services_resources.cpu
      memory        = var.services_resources.memory
      node_selector = {}
      tolerations   = []
    }
    cpu = {
      image         = local.images.worker
      replicas      = var.cpu_pool.min_replicas
      serves_api    = false
      api_keys      = true
      gpus          = 0
      cpu           = tostring(var.cpu_pool.cpu)
      memory        = var.cpu_pool.memory
      node_selector = var.cpu_node_selector
      tolerations   = []
    }
    gpu = {
      image         = local.images.worker_gpu
      replicas      = var.gpu_pool.min_replicas
      serves_api    = false
      api_keys      = true
      gpus          = var.gpu_pool.gpus
      cpu           = tostring(var.gpu_pool.cpu)
      memory        = var.gpu_pool.memory
      node_selector = var.gpu_node_selector
      tolerations   = var.gpu_tolerations
    }
    gpu-short = {
      image         = local.images.worker_gpu
      replicas      = var.gpu_short_pool.min_replicas
      serves_api    = false
      api_keys      = true
      gpus          = var.gpu_short_pool.gpus
      cpu           = tostring(var.gpu_short_pool.cpu)
      memory        = var.gpu_short_pool.memory
      node_selector = var.gpu_node_selector
      tolerations   = var.gpu_tolerations
    }
  }
  # the app and the pools config.tf deploys (palo-gpu-short only under gpu_scheduling = "queues")
  deployed = { for name, w in local.workloads : name => w if name == "services" || contains(local.deployed_pools, name) }
}

locals {
  # the only writable places of a pod (its root filesystem is read-only); all of them are caches
  scratch_volumes = {
    home = { path = local.home_dir, size_limit = null }
    work = { path = local.work_dir, size_limit = var.work_dir_size }
    tmp  = { path = "/tmp", size_limit = null }
  }
}

resource "kubernetes_deployment_v1" "palo" {
  for_each = local.deployed

  metadata {
    name      = "palo-${each.key}"
    namespace = var.namespace
    labels    = { "app.kubernetes.io/name" = "palo-${each.key}", "app.kubernetes.io/part-of" = "palo" }
  }

  spec {
    replicas = each.value.replicas
    selector {
      match_labels = { "app.kubernetes.io/name" = "palo-${each.key}" }
    }

    template {
      metadata {
        labels = { "app.kubernetes.io/name" = "palo-${each.key}", "app.kubernetes.io/part-of" = "palo" }
        # a changed environment rolls the pods
        annotations = {
          "palo.dev/env-hash" = sha256(jsonencode([local.palo_env, local.role_env[each.key]]))
          # annotation-based Prometheus discovery; var.pod_monitor adds a PodMonitor for the Prometheus Operator
          "prometheus.io/scrape" = "true"
          "prometheus.io/port"   = tostring(local.metrics.port)
          "prometheus.io/path"   = local.metrics.path
        }
      }

      spec {
        # SIGTERM first: a worker stops polling and lets in-flight activities checkpoint (config.tf, grace_seconds)
        termination_grace_period_seconds = local.grace_seconds[each.key]
        node_selector                    = each.value.node_selector

        dynamic "toleration" {
          for_each = each.value.tolerations
          content {
            key      = toleration.value.key
            operator = toleration.value.operator
            value    = toleration.value.value
            effect   = toleration.value.effect
          }
        }

        security_context {
          run_as_non_root = true
          run_as_user     = var.run_as_user
          run_as_group    = var.run_as_user
          fs_group        = var.run_as_user
        }

        container {
          name  = each.key
          image = each.value.image

          env_from {
            config_map_ref {
              name = kubernetes_config_map_v1.env.metadata[0].name
            }
          }
          env_from {
            config_map_ref {
              name = kubernetes_config_map_v1.role_env[each.key].metadata[0].name
            }
          }
          dynamic "env" {
            for_each = local.secret_env
            content {
              name = env.key
              value_from {
                secret_key_ref {
                  name = env.value.secret
                  key  = env.value.key
                }
              }
            }
          }

          dynamic "port" {
            for_each = each.value.serves_api ? [local.api_port] : []
            content {
              name           = "http"
              container_port = port.value
            }
          }

          port {
            name           = "metrics"
            container_port = local.metrics.port
          }

          # the app answers on its API port; a worker answers on its metrics port (MetricsEndpoint)
          liveness_probe {
            http_get {
              path = local.health.live
              port = each.value.serves_api ? local.api_port : local.metrics.port
            }
            initial_delay_seconds = 20
            period_seconds        = 10
          }

          dynamic "readiness_probe" {
            for_each = each.value.serves_api ? [local.health.ready] : []
            content {
              http_get {
                path = readiness_probe.value
                port = local.api_port
              }
              period_seconds = 5
            }
          }

          resources {
            requests = { cpu = each.value.cpu, memory = each.value.memory }
            limits = merge({ memory = each.value.memory },
            each.value.gpus > 0 ? { "nvidia.com/gpu" = tostring(each.value.gpus) } : {})
          }

          security_context {
            allow_privilege_escalation = false
            read_only_root_filesystem  = true
            capabilities {
              drop = ["ALL"]
            }
          }

          dynamic "volume_mount" {
            for_each = local.scratch_volumes
            content {
              name       = volume_mount.key
              mount_path = volume_mount.value.path
            }
          }
          dynamic "volume_mount" {
            for_each = each.value.api_keys ? [local.secrets_dir] : []
            content {
              name       = "api-keys"
              mount_path = volume_mount.value
              read_only  = true
            }
          }
        }

        dynamic "volume" {
          for_each = local.scratch_volumes
          content {
            name = volume.key
            empty_dir {
              size_limit = volume.value.size_limit
            }
          }
        }
        dynamic "volume" {
          for_each = each.value.api_keys ? [var.api_keys_secret_name] : []
          content {
            name = "api-keys"
            secret {
              secret_name  = volume.value
              optional     = true # endpoints without a key need none
              default_mode = "0400"
            }
          }
        }
      }
    }
  }

  lifecycle {
    # KEDA owns the pools' replica counts
    ignore_changes = [spec[0].replicas]
  }
}
